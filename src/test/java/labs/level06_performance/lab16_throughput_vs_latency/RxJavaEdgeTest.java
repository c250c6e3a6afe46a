package labs.level06_performance.lab16_throughput_vs_latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import labs.support.Hint;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * The RxJava edge owns a computation scheduler of its own, its threads named like RxJava's
 * computation threads so that BlockHound watches them. The shared leak check takes threads of that
 * name for RxJava's process-wide pool and does not count them, so this test checks what it cannot:
 * when {@code close()} returns, every thread of the edge's scheduler has ended.
 */
class RxJavaEdgeTest {

    private static final String PREFIX = "RxComputationThreadPool-lab16-";

    private static List<Thread> edgeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(PREFIX)).toList();
    }

    @Test
    @Hint("A service that starts a scheduler owns it: close() must shut it down and wait for its threads.")
    void closeEndsEveryThreadOfTheEdgesOwnScheduler() {
        List<Thread> before = edgeThreads();
        Service service = RxJavaService.start(ServiceSpec.fixed(2, Duration.ofMillis(1)).withBatching(4, Duration.ofMillis(1)));
        List<CompletableFuture<Served>> replies = LongStream.range(0, 20).mapToObj(id -> service.submit(new Request(id, 0))).toList();
        Watch.until("every request answered", () -> replies.stream().allMatch(CompletableFuture::isDone));
        List<Thread> ours = edgeThreads().stream().filter(t -> !before.contains(t)).toList();
        assertThat(ours).as("threads the edge's scheduler started while serving").isNotEmpty();

        service.close();

        assertThat(ours).as("the edge's threads still alive when close() returned").noneMatch(Thread::isAlive);
    }
}
