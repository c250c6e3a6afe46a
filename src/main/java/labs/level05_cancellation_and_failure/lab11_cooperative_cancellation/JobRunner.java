package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import java.util.Objects;
import java.util.function.Supplier;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * The lab11 contract: start a long job that holds a resource, and stop it when asked. Met by every
 * implementation in {@link #IMPLEMENTATIONS} and checked by one contract test; the lab's README.md
 * states it in full.
 *
 * <ol>
 *   <li><b>Runs to its end</b> when nobody cancels it: the resource is acquired once, every step runs
 *       once, in order, off the caller's thread; the report is {@code COMPLETED} with every item.</li>
 *   <li><b>Stops when asked.</b> After {@link RunningJob#cancel()} has been called no step starts;
 *       when it returns, the step that was running has returned. The report is {@code CANCELLED}
 *       with the items delivered before the stop — unless the job had already ended by itself.</li>
 *   <li><b>Reaches a blocked step.</b> A step waiting in an interruptible call (a sleep, a lock, a
 *       queue) is interrupted by the cancel, not waited out.</li>
 *   <li><b>Frees what it holds, once.</b> The resource is released exactly once however the job
 *       ends, and only after the last step that used it has returned; released by the time
 *       {@code cancel()} or {@code await()} returns.</li>
 *   <li><b>One ending.</b> Exactly one of completed, cancelled, failed, the same from every call,
 *       however {@code cancel()} races the job's own end. Cancelling twice is cancelling once.</li>
 *   <li><b>Cleanup is not cancelled.</b> A cancel that arrives while the resource is being released
 *       neither interrupts the release nor changes the ending already decided.</li>
 *   <li><b>A failing step</b> ends the job {@code FAILED} with its exception; no later step runs. An
 *       {@link Error} is not a failure of the job: {@code cancel()} and {@code await()} rethrow it as
 *       it is, once the resource is released.</li>
 *   <li><b>Nothing left running</b> when {@code cancel()} or {@code await()} returns: no thread the
 *       job started, no step still executing (the leak check verifies it after every test).</li>
 *   <li><b>Bad input, one line:</b> a null job, fewer than 0 steps, a null acquire or step; nothing
 *       starts.</li>
 * </ol>
 */
public interface JobRunner {

    /**
     * Every implementation, by the name {@code --impl} takes; the contract test runs each of them
     * ({@code IMPLEMENTATIONS.create("reactor").get().start(job)}).
     */
    Implementations<Supplier<JobRunner>> IMPLEMENTATIONS = Implementations.of("lab11",
            new Implementation<>("platform", "a platform thread per job; cancel = a flag checked between steps + Thread.interrupt(), then join",
                    PlatformThreadRunner::new),
            new Implementation<>("virtual", "a virtual thread per job in its own executor; cancel = the flag + shutdownNow(), then close()",
                    VirtualThreadRunner::new),
            new Implementation<>("reactor", "usingWhen(acquire, steps.concatMap(step.subscribeOn(boundedElastic())), release); cancel = dispose()",
                    ReactorJobRunner::new),
            new Implementation<>("rxjava", "Flowable.using(acquire, steps.concatMapMaybe(step.subscribeOn(io())), release); cancel = dispose()",
                    RxJavaJobRunner::new));

    /** A short name, as used by {@code labs run lab11 --impl NAME}. */
    String name();

    /** Starts {@code job} and returns at once with its handle; the job runs off the caller's thread. */
    RunningJob start(Job job);

    /** Bad input fails before anything starts, with a message that names the problem. */
    static Job checkJob(Job job) {
        return Objects.requireNonNull(job, "job must not be null");
    }
}
