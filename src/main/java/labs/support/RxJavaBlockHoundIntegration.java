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

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.nonBlockingThreadPredicate(current -> current.or(RxJavaBlockHoundIntegration::isNonBlocking));
    }

    static boolean isNonBlocking(Thread thread) {
        String name = thread.getName();
        return name.startsWith(COMPUTATION_PREFIX) || name.startsWith(SINGLE_PREFIX);
    }
}
