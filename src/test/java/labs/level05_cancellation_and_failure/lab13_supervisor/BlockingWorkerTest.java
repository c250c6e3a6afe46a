package labs.level05_cancellation_and_failure.lab13_supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.scheduler.Schedulers;

/**
 * A worker that blocks, supervised on a scheduler meant for non-blocking work, is caught by
 * BlockHound — and BlockHound's {@link BlockingOperationError} is an {@link Error}, not a crash:
 * the supervisor must not restart it (a restart loop of BlockHound failures would hide it), but end
 * and rethrow it as it is. Each control runs the very same worker through the very same class,
 * changing only the scheduler it is given to the default, one made for blocking calls.
 */
class BlockingWorkerTest {

    private static final RestartPolicy QUICK = RestartPolicy.backoff(Duration.ofMillis(1), Duration.ofMillis(4)).withIntensity(100, Duration.ofHours(1));

    private final AtomicInteger starts = new AtomicInteger();

    private Child sleeper() {
        return new Child("sleeper", List.of("a"), () -> {
            starts.incrementAndGet();
            return input -> {
                Thread.sleep(1); // the blocking call under test
                return input;
            };
        });
    }

    @Test
    @Hint("Workers may block: supervise them on boundedElastic(); and a BlockingOperationError is an Error, never a crash to restart.")
    void aSleepingWorkerOnReactorParallelEndsTheRunWithBlockingOperationErrorNotARestartLoop() {
        assertThatThrownBy(() -> new ReactorSupervisor(QUICK, Strategy.ONE_FOR_ONE, Schedulers.parallel()).run(List.of(sleeper())))
                .as("what run threw for a sleeping worker on parallel()").isInstanceOf(BlockingOperationError.class);
        assertThat(starts.get()).as("starts: the Error was not restarted").isEqualTo(1);
    }

    @Test
    void theSameSleepingWorkerOnReactorBoundedElasticIsAllowed() {
        assertThat(new ReactorSupervisor(QUICK, Strategy.ONE_FOR_ONE).run(List.of(sleeper())).outputs("sleeper")).containsExactly("a");
    }

    @Test
    @Hint("Workers may block: supervise them on io(); and a BlockingOperationError is an Error, never a crash to restart.")
    void aSleepingWorkerOnRxJavaComputationEndsTheRunWithBlockingOperationErrorNotARestartLoop() {
        assertThatThrownBy(() -> new RxJavaSupervisor(QUICK, Strategy.ONE_FOR_ONE, io.reactivex.rxjava3.schedulers.Schedulers.computation()).run(List.of(sleeper())))
                .as("what run threw for a sleeping worker on computation()").isInstanceOf(BlockingOperationError.class);
        assertThat(starts.get()).as("starts: the Error was not restarted").isEqualTo(1);
    }

    @Test
    void theSameSleepingWorkerOnRxJavaIoIsAllowed() {
        assertThat(new RxJavaSupervisor(QUICK, Strategy.ONE_FOR_ONE).run(List.of(sleeper())).outputs("sleeper")).containsExactly("a");
    }
}
