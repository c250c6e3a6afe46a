package labs.level03_message_passing.lab07_pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;

/** A stage that blocks on the Reactor pipeline's non-blocking stage threads is caught, and tears the run down. */
class PipelineBlockHoundTest {

    @Test
    void aBlockingStageOnANonBlockingSchedulerIsCaughtAndReportedAsThatStagesFailure() {
        ReactorPipeline pipeline = new ReactorPipeline(List.of(
                new Stage("parse", x -> x),
                new Stage("lookup", x -> {
                    try {
                        Thread.sleep(1); // the deliberate blocking call under test
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return x;
                }),
                new Stage("store", x -> x)), 4);

        assertThatThrownBy(() -> pipeline.process(LongStream.range(0, 10).boxed().toList()))
                .isInstanceOf(StageFailedException.class)
                .hasMessageStartingWith("stage 'lookup' failed on item 0: reactor.blockhound.BlockingOperationError: Blocking call!")
                .satisfies(e -> assertThat(Exceptions.unwrap(e.getCause())).isInstanceOf(BlockingOperationError.class));
    }

    /**
     * The control for the test above: the same stages without the sleep pass, so that test's failure
     * comes from the sleep, not from the pipeline. (It does not detect BlockHound being off; the test
     * above does, by requiring a BlockingOperationError, and so does {@code BlockHoundIsActiveTest}.)
     */
    @Test
    void theSamePipelineWithoutTheBlockingCallPasses() {
        ReactorPipeline pipeline = new ReactorPipeline(List.of(new Stage("parse", x -> x), new Stage("lookup", x -> x), new Stage("store", x -> x)), 4);

        assertThat(pipeline.process(LongStream.range(0, 10).boxed().toList())).hasSize(10);
    }
}
