package labs.level03_message_passing.lab07_pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Flowable;
import java.util.Collections;
import java.util.List;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A stage that blocks, on the reactive cores: caught by BlockHound on a non-blocking scheduler,
 * allowed on one made for blocking — the same stages, only the scheduler the core is given differs.
 * Then the same stage through {@link ReactorPipeline#process}, whose own stage threads are non-blocking.
 */
class PipelineBlockHoundTest {

    private static final List<Stage> A_BLOCKING_LOOKUP = List.of(
            new Stage("parse", x -> x),
            new Stage("lookup", x -> {
                try {
                    Thread.sleep(1); // the deliberate blocking call under test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return x;
            }),
            new Stage("store", x -> x));

    private static List<Long> throughReactorCore(Scheduler everyStage) {
        return new ReactorPipeline(A_BLOCKING_LOOKUP, 4)
                .assemble(Flux.range(0, 10).map(Long::valueOf), Collections.nCopies(3, everyStage), Long.MAX_VALUE).collectList().block();
    }

    private static List<Long> throughRxJavaCore(io.reactivex.rxjava3.core.Scheduler everyStage) {
        return new RxJavaPipeline(A_BLOCKING_LOOKUP, 4)
                .assemble(Flowable.rangeLong(0, 10), Collections.nCopies(3, everyStage), Long.MAX_VALUE).toList().blockingGet();
    }

    @Test
    @Hint("parallel(), single() and newSingle() threads are non-blocking: a stage that blocks belongs on boundedElastic().")
    void aBlockingStageOnANonBlockingSchedulerIsCaught() {
        assertThatThrownBy(() -> throughReactorCore(Schedulers.parallel()))
                .satisfies(e -> assertThat(Exceptions.unwrap(e)).as("what the blocking stage raised on parallel()")
                        .isInstanceOf(BlockingOperationError.class).hasMessageContaining("Blocking call!"));
    }

    /** The control for the test above: the same blocking stage, given a scheduler made for blocking, passes. */
    @Test
    void theSameBlockingStageOnASchedulerThatMayBlockPasses() {
        assertThat(throughReactorCore(Schedulers.boundedElastic())).as("outputs on boundedElastic()").hasSize(10);
    }

    @Test
    @Hint("computation() threads are non-blocking (this project's BlockHound integration watches them): a stage that blocks belongs on io().")
    void aBlockingStageOnRxJavaComputationIsCaughtToo() {
        assertThatThrownBy(() -> throughRxJavaCore(io.reactivex.rxjava3.schedulers.Schedulers.computation()))
                .as("what the blocking stage raised on computation()")
                .isInstanceOf(BlockingOperationError.class).hasMessageContaining("Blocking call!");
    }

    /** The control for the RxJava test above: the same blocking stage on {@code io()} passes. */
    @Test
    void theSameBlockingStageOnRxJavaIoPasses() {
        assertThat(throughRxJavaCore(io.reactivex.rxjava3.schedulers.Schedulers.io())).as("outputs on io()").hasSize(10);
    }

    /** The edge's own stage threads: non-blocking, so BlockHound's verdict, an Error, comes out of process as it is. */
    @Test
    @Hint("The threads process makes for its stages must be non-blocking (NonBlocking), as Reactor's own are.")
    void aBlockingStageOnTheReactorPipelinesOwnStageThreadsIsCaughtAndRethrownAsItIs() {
        assertThatThrownBy(() -> new ReactorPipeline(A_BLOCKING_LOOKUP, 4).process(List.of(0L, 1L, 2L)))
                .as("what process threw")
                .isInstanceOf(BlockingOperationError.class).hasMessageContaining("Blocking call!");
    }
}
