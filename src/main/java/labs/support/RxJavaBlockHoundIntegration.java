package labs.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Marks RxJava 3's CPU-bound scheduler threads as non-blocking, so BlockHound flags a blocking call
 * made on them exactly as it does on Reactor's {@code parallel()} and {@code single()}.
 *
 * <p>Why our own: RxJava ships no BlockHound integration (Reactor does, for its own schedulers).
 * Only the schedulers whose contract is "never block" are marked: {@code computation()} and
 * {@code single()}. {@code io()} and {@code newThread()} exist for blocking work and stay allowed.
 *
 * <p>Loaded by {@link java.util.ServiceLoader} from
 * {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration}, so every
 * {@code BlockHound.install()} — the test platform's and the CLI's — picks it up.
 */
public final class RxJavaBlockHoundIntegration implements BlockHoundIntegration {

    /** Thread-name prefixes of RxJava's non-blocking schedulers (see RxJava's {@code Schedulers}). */
    static final String COMPUTATION_PREFIX = "RxComputationThreadPool";
    static final String SINGLE_PREFIX = "RxSingleScheduler";

    /**
     * RxJava's own tasks cancel their {@code ScheduledFuture} when disposed, and a
     * {@code ScheduledThreadPoolExecutor} with remove-on-cancel (RxJava's setting) then takes its
     * queue's lock to unlink the task: a short park when another thread holds it. Reactor's own
     * integration allows exactly this for its tasks ({@code SchedulerTask.dispose},
     * {@code WorkerTask.dispose}); without the same allowance for RxJava's, a {@code flatMap} that
     * cancels its siblings on the first error throws {@code BlockingOperationError} inside RxJava
     * when the lock is contended, the error path breaks, and the stream never terminates (seen at 16
     * reported processors; staged deterministically by {@code RxJavaTaskDisposalTest}).
     */
    private static final String SCHEDULERS = "io.reactivex.rxjava3.internal.schedulers.";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.nonBlockingThreadPredicate(current -> current.or(RxJavaBlockHoundIntegration::isNonBlocking));
        for (String task : new String[] {"AbstractDirectTask", "ScheduledRunnable", "InstantPeriodicTask"}) {
            builder.allowBlockingCallsInside(SCHEDULERS + task, "dispose");
        }
        builder.allowBlockingCallsInside(SCHEDULERS + "AbstractDirectTask", "setFuture");
        builder.allowBlockingCallsInside(SCHEDULERS + "ScheduledRunnable", "setFuture");
        builder.allowBlockingCallsInside(SCHEDULERS + "InstantPeriodicTask", "setFirst");
        builder.allowBlockingCallsInside(SCHEDULERS + "InstantPeriodicTask", "setRest");
    }

    static boolean isNonBlocking(Thread thread) {
        String name = thread.getName();
        return name.startsWith(COMPUTATION_PREFIX) || name.startsWith(SINGLE_PREFIX);
    }
}
