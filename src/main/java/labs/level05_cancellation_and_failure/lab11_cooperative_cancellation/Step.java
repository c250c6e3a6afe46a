package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

/**
 * One step of a long job: the work that produces item {@code index}, done with the job's resource.
 *
 * <p>A step may block (a remote call, a read, a wait). Then it must answer interruption — let the
 * {@link InterruptedException} out, or check {@link Thread#isInterrupted()} in a long loop — or the
 * job cannot be stopped while the step runs: cancellation is cooperative, and the step is part of
 * the cooperation. A step that swallows the interrupt, or spins without looking, holds the stop
 * back until it returns (see {@code UncooperativeStepTest}).
 */
@FunctionalInterface
public interface Step {

    /** The item for step {@code index} (0, 1, …), made with {@code resource}, which is held for the whole job. */
    long run(Resource resource, int index) throws Exception;
}
