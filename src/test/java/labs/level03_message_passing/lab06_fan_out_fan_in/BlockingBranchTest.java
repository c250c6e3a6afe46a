package labs.level03_message_passing.lab06_fan_out_fan_in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.scheduler.Schedulers;

/**
 * A branch that blocks, run on a scheduler meant for non-blocking work, is caught by BlockHound;
 * each control runs the very same branch through the very same class, changing only the scheduler
 * it is given to one made for blocking calls. BlockHound's {@link BlockingOperationError} is an
 * {@link Error}: it comes out of {@code gather} as it is, never as the branch's failure.
 */
class BlockingBranchTest {

    private static final Callable<Integer> SLEEPS = () -> {
        Thread.sleep(1); // the blocking call under test
        return 1;
    };

    @Test
    @Hint("A branch that blocks belongs on a scheduler made for blocking (boundedElastic, io); parallel() and computation() are not.")
    void aSleepingBranchOnReactorParallelFailsWithBlockingOperationError() {
        assertThatThrownBy(() -> new ReactorFanOut(Schedulers.parallel()).gather(List.of(() -> 0, SLEEPS)))
                .as("what gather threw for a sleeping branch on parallel()")
                .isInstanceOf(BlockingOperationError.class);
    }

    @Test
    void theSameSleepingBranchOnReactorBoundedElasticIsAllowed() {
        assertThat(new ReactorFanOut(Schedulers.boundedElastic()).gather(List.of(() -> 0, SLEEPS)))
                .as("values gathered on boundedElastic()").containsExactly(0, 1);
    }

    @Test
    @Hint("A branch that blocks belongs on a scheduler made for blocking (boundedElastic, io); parallel() and computation() are not.")
    void aSleepingBranchOnRxJavaComputationFailsWithBlockingOperationError() {
        assertThatThrownBy(() -> new RxJavaFanOut(io.reactivex.rxjava3.schedulers.Schedulers.computation()).gather(List.of(() -> 0, SLEEPS)))
                .as("what gather threw for a sleeping branch on computation()")
                .isInstanceOf(BlockingOperationError.class);
    }

    @Test
    void theSameSleepingBranchOnRxJavaIoIsAllowed() {
        assertThat(new RxJavaFanOut(io.reactivex.rxjava3.schedulers.Schedulers.io()).gather(List.of(() -> 0, SLEEPS)))
                .as("values gathered on io()").containsExactly(0, 1);
    }
}
