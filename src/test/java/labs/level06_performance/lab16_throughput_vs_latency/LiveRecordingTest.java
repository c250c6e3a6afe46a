package labs.level06_performance.lab16_throughput_vs_latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import labs.support.Implementation;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.scheduler.Scheduler;

/**
 * A short live load test per implementation, as the CLI runs it — answers recorded on
 * {@code parallel()}, on the RxJava edge's computation threads and on the executor's workers —
 * under BlockHound: recording an answer never parks (a fixed-range recorder, atomics), and every
 * request sent is answered and recorded once. No figure is asserted: real time only decides how
 * fast, never what.
 */
class LiveRecordingTest {

    static Stream<Implementation<Service.Starter>> implementations() {
        return Service.IMPLEMENTATIONS.stream();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void aLiveOpenLoopRecordsEveryAnswerOnTheServicesThreadsWithoutParking(Implementation<Service.Starter> impl) {
        Scheduler load = ThroughputLatencyExperiment.ownThread("lab16-test-load");
        Scheduler gauge = ThroughputLatencyExperiment.ownThread("lab16-test-gauge");
        LoadResult result;
        try (Service service = impl.create().start(ServiceSpec.fixed(2, Duration.ofMillis(1)).withBatching(4, Duration.ofMillis(1)))) {
            OpenLoop open = new OpenLoop(2000, Duration.ofMillis(100), load, System::nanoTime);
            result = LoadTest.measure(open, service, gauge, System::nanoTime, Duration.ofMillis(1)).block(Watch.BOUND);
        } finally {
            load.dispose();
            gauge.dispose();
        }
        assertThat(result).as("the load test's result").isNotNull();
        assertThat(result.sent()).as("requests sent").isEqualTo(200);
        assertThat(result.answered()).as("answers recorded").isEqualTo(200);
        assertThat(result.fromIntended().getTotalCount()).as("latencies in the corrected histogram").isEqualTo(200);
        assertThat(result.fromSent().getTotalCount()).as("latencies in the naive histogram").isEqualTo(200);
        assertThat(result.failed()).as("failed answers").isZero();
    }
}
