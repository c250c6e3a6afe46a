package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

/**
 * YOUR imperative job runner — lab11's starting point: a platform thread per job. Replace every
 * {@code TODO(lab11)}; the lab's tests ({@code JobRunnerContractTest} and {@code UncooperativeStepTest}
 * for {@code platform}, and the broken variants' controls) then check your code, under BlockHound
 * and the leak check.
 *
 * <p>The contract (the lab's README, and {@link JobRunner}):
 * <ol>
 *   <li>Runs to its end when nobody cancels it: acquire once, every step once, in order, on the
 *       job's own thread; {@code COMPLETED} with every item.</li>
 *   <li>After {@code cancel()} is called no step starts; when it returns, the running step has returned.</li>
 *   <li>A step blocked in an interruptible wait is interrupted, not waited out.</li>
 *   <li>The resource is released exactly once, after the last step that used it, on every path.</li>
 *   <li>Exactly one ending, the same from every call, however {@code cancel()} races the job's end.</li>
 *   <li>A cancel during the release neither interrupts it nor changes the ending.</li>
 *   <li>A failing step: {@code FAILED} with its exception, nothing after it; an {@link Error} is
 *       rethrown as it is by {@code cancel()} and {@code await()}, after the release.</li>
 *   <li>Nothing left running when {@code cancel()} or {@code await()} returns; an interrupted
 *       {@code await()} cancels the job and keeps the caller's interrupt flag.</li>
 * </ol>
 *
 * <p>Tools you may use: {@link JobEnding} decides the ending once (it is also the flag to read
 * between steps, and {@code awaitStopper()} keeps a late interrupt out of your cleanup);
 * {@code labs.support.Threads.awaitEnd} joins with a bound. Where to look first: what does your loop
 * do between steps, what does your cancel do to a thread that is waiting, and where is the release?
 * The reference solution is in {@code src/main/java}, one file away — try first.
 */
public final class PlatformThreadRunner implements JobRunner {

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public RunningJob start(Job job) {
        JobRunner.checkJob(job);
        throw new UnsupportedOperationException("TODO(lab11): start a platform thread that acquires, runs the steps (checking for a cancel "
                + "before each), settles the ending and releases; return a handle whose cancel() stops it (flag and interrupt) and waits for it");
    }
}
