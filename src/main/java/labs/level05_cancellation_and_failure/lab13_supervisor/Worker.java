package labs.level05_cancellation_and_failure.lab13_supervisor;

/**
 * One incarnation of a child: made fresh by the child's {@link Child.Starter} at every (re)start,
 * so whatever it keeps in its fields is the state a crash loses. It handles the child's inputs one
 * at a time, in order, on the thread the supervisor gives it (it may block).
 *
 * <p>Throwing an {@link Exception} is a crash: the supervisor restarts the child (a new worker).
 * Returning {@code null} is a crash too (a reactive stream cannot carry null). Throwing an
 * {@link Error} is not a crash but the JVM's or the harness's trouble: it is never restarted.
 */
@FunctionalInterface
public interface Worker {

    /** The output for {@code input}; throws to crash. */
    String handle(String input) throws Exception;
}
