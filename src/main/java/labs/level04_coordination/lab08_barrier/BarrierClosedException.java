package labs.level04_coordination.lab08_barrier;

/** The barrier was closed while a run was in progress: every party was released, and the run ended there. */
public final class BarrierClosedException extends IllegalStateException {
    public BarrierClosedException(String name) {
        super("barrier '" + name + "' was closed during a run: every party was released");
    }
}
