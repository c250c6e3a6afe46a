package labs.level04_coordination.lab08_barrier;

/**
 * What one party does in one phase: its value for that phase, or an exception. Called once per
 * party and phase, on the party's thread (or the reactive implementations' party scheduler).
 * Returning {@code null} is not a value: the run fails, naming the party and the phase.
 */
@FunctionalInterface
public interface PartyWork<T> {
    T work(int party, int phase) throws Exception;
}
