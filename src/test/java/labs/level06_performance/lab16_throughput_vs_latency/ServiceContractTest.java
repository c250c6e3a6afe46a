package labs.level06_performance.lab16_throughput_vs_latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import labs.support.BadInputException;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Watch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab16 contract (see {@link Service} and the lab's README), checked once for every
 * implementation in {@link Service#IMPLEMENTATIONS}; the reports name each one ({@code [2] reactor}).
 * Batches that must be "in service" are held by {@link HeldWork} until the test lets them end —
 * events with a bounded wait, never a clock.
 */
class ServiceContractTest {

    static Stream<Implementation<Service.Starter>> implementations() {
        return Service.IMPLEMENTATIONS.stream();
    }

    /** No batch's timeout can run out during a test: only "full" and "closed" close a batch. */
    private static final Duration NEVER = Duration.ofHours(1);

    private static final ServiceSpec TWO_WORKERS = ServiceSpec.fixed(2, Duration.ofMillis(1));

    /** Work that holds every batch in service until the test ends it; batches listed in the order they started. */
    static final class HeldWork implements Service.Work {
        record Batch(List<Request> requests, CompletableFuture<Void> done) {
            List<Long> ids() {
                return requests.stream().map(Request::id).toList();
            }
        }

        private final ConcurrentLinkedQueue<Batch> started = new ConcurrentLinkedQueue<>();
        private volatile boolean released;

        @Override
        public CompletionStage<?> serve(List<Request> batch) {
            Batch held = new Batch(List.copyOf(batch), new CompletableFuture<>());
            started.add(held); // lock-free: this may run on a scheduler's thread
            if (released) {
                held.done.complete(null);
            }
            return held.done;
        }

        List<Batch> started() {
            return List.copyOf(started);
        }

        Batch awaitStarted(int index) {
            Watch.until("batch " + index + " started (started so far: " + started().size() + ")", () -> started.size() > index);
            return started().get(index);
        }

        /** Ends every batch in service, and from now on lets each batch end as it starts. */
        void releaseAll() {
            released = true;
            started.forEach(b -> b.done.complete(null));
        }
    }

    private static List<CompletableFuture<Served>> submitAll(Service service, long count) {
        return LongStream.range(0, count).mapToObj(id -> service.submit(new Request(id, System.nanoTime()))).toList();
    }

    private static Served answer(CompletableFuture<Served> reply) {
        try {
            return reply.get(Watch.BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer within " + Watch.BOUND.toSeconds() + " s: " + e, e);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Each accepted request is answered once, with its own times; nothing is dropped or answered twice when batches end together.")
    void everyRequestIsAnsweredOnceWithItsOwnTimesInOrder(Implementation<Service.Starter> impl) {
        List<CompletableFuture<Served>> replies;
        try (Service service = impl.create().start(TWO_WORKERS)) {
            replies = submitAll(service, 50);
        }
        // close() returned: every accepted request has been answered (clause 6).
        assertThat(replies).as("replies completed when close() returned").allSatisfy(r -> assertThat(r).isDone());
        List<Served> answers = replies.stream().map(ServiceContractTest::answer).toList();
        assertThat(answers).extracting(Served::id).as("the id each reply answered").containsExactlyElementsOf(LongStream.range(0, 50).boxed().toList());
        assertThat(answers).allSatisfy(s -> {
            assertThat(s.failed()).as("request %d failed", s.id()).isFalse();
            assertThat(s.arrivedNanos()).as("arrived <= started").isLessThanOrEqualTo(s.startedNanos());
            assertThat(s.serviceNanos()).as("request %d's service time", s.id()).isGreaterThanOrEqualTo(Duration.ofMillis(1).toNanos());
        });
    }

    /**
     * Guards against unbounded concurrency (a new thread or subscription per request, or
     * {@code flatMap} without its concurrency argument): with two workers held, a third batch must not
     * start until one of them ends.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Something must hold the third request back while both workers are busy: flatMap's concurrency, a pool's size, a permit.")
    void neverMoreThanWorkersBatchesInServiceAndTheOldestWaitingStartsNext(Implementation<Service.Starter> impl) {
        HeldWork work = new HeldWork();
        try (Service service = impl.create().start(TWO_WORKERS, work)) {
            submitAll(service, 5);
            work.awaitStarted(1);
            assertThat(work.started()).as("batches in service with two workers, five requests submitted").hasSize(2);

            work.started().getFirst().done().complete(null);
            HeldWork.Batch third = work.awaitStarted(2);
            assertThat(third.ids()).as("the batch that took the freed worker").containsExactly(2L);
            assertThat(work.started()).as("batches started once one of two ended").hasSize(3);
            work.releaseAll();
        }
        // Two free workers start two batches at once: which of them calls the work first is a race.
        List<List<Long>> order = work.started().stream().map(HeldWork.Batch::ids).toList();
        assertThat(order.subList(0, 2)).as("the two batches started at once").containsExactlyInAnyOrder(List.of(0L), List.of(1L));
        assertThat(order.subList(3, 5)).as("the two batches started once the workers were released").containsExactlyInAnyOrder(List.of(3L), List.of(4L));
    }

    /**
     * Guards against a bounded waiting line or a {@code submit} that waits for a worker (a
     * {@code SynchronousQueue}, {@code CallerRunsPolicy}, a blocking sink): an open system's arrivals
     * never wait for the service. If {@code submit} waited here, the test would hang until its timeout.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An open system's arrivals do not wait for the service: submit queues and returns, whatever the workers are doing.")
    void submitNeverWaitsForAWorkerEvenWhenEveryWorkerIsBusy(Implementation<Service.Starter> impl) {
        HeldWork work = new HeldWork();
        try (Service service = impl.create().start(ServiceSpec.fixed(1, Duration.ofMillis(1)), work)) {
            service.submit(new Request(0, 0));
            work.awaitStarted(0);
            List<CompletableFuture<Served>> queued = LongStream.range(1, 1001).mapToObj(id -> service.submit(new Request(id, 0))).toList();
            assertThat(queued).as("replies to requests queued behind a busy worker").noneMatch(CompletableFuture::isDone);
            assertThat(work.started()).as("batches started while the only worker is held").hasSize(1);
            work.releaseAll();
        }
        assertThat(work.started()).as("batches served once the worker was free").hasSize(1001);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A batch closes when it holds batchSize requests, without waiting for its timeout.")
    void aFullBatchGoesToAWorkerAsOneBatchWithoutWaitingForItsTimeout(Implementation<Service.Starter> impl) {
        HeldWork work = new HeldWork();
        try (Service service = impl.create().start(TWO_WORKERS.withBatching(3, NEVER), work)) {
            List<CompletableFuture<Served>> replies = submitAll(service, 3);
            HeldWork.Batch batch = work.awaitStarted(0);
            assertThat(batch.ids()).as("the first batch, three requests submitted, batches of 3").containsExactly(0L, 1L, 2L);
            batch.done().complete(null);
            assertThat(replies.stream().map(ServiceContractTest::answer)).extracting(Served::batchSize).as("batch size in each answer").containsOnly(3);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Closing must not wait for an open batch's timeout: completing the source flushes it.")
    void closeSendsAnOpenBatchAtOnceAndAnswersIt(Implementation<Service.Starter> impl) {
        CompletableFuture<Served> reply;
        try (Service service = impl.create().start(TWO_WORKERS.withBatching(4, NEVER), batch -> CompletableFuture.completedFuture(null))) {
            reply = service.submit(new Request(7, 0));
        }
        assertThat(reply).as("the lone request's reply once close() returned (its batch's timeout is an hour)").isDone();
        assertThat(answer(reply).batchSize()).as("its batch's size").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Recover from a batch's failure inside the work for that batch: the other batches, and the service, go on.")
    void aFailingBatchAnswersItsRequestsWithTheFailureAndTheOthersAreServed(Implementation<Service.Starter> impl) {
        IllegalStateException boom = new IllegalStateException("the downstream call failed");
        List<Served> answers;
        try (Service service = impl.create().start(TWO_WORKERS,
                batch -> batch.getFirst().id() == 3 ? CompletableFuture.failedFuture(boom) : CompletableFuture.completedFuture(null))) {
            answers = submitAll(service, 6).stream().map(ServiceContractTest::answer).toList();
        }
        assertThat(answers).filteredOn(Served::failed).as("answers that carry a failure").extracting(Served::id).containsExactly(3L);
        assertThat(answers.get(3).failure()).as("request 3's failure").isSameAs(boom);
    }

    /** Not a batch's failure: the JVM's or the harness's. */
    private static final class WorkError extends Error {
        WorkError(String message) {
            super(message);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An Error is not data: its batch is still answered (nobody waits for ever), and close() rethrows it as it is.")
    void anErrorFromTheWorkIsRethrownByCloseAsItIs(Implementation<Service.Starter> impl) {
        WorkError error = new WorkError("not a batch failure");
        Service service = impl.create().start(TWO_WORKERS, batch -> CompletableFuture.failedFuture(error));
        Served answered = answer(service.submit(new Request(0, 0)));

        assertThat(answered.failure()).as("the batch's answer").isSameAs(error);
        assertThatThrownBy(service::close).as("what close() threw").isSameAs(error);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("After close, submit refuses in one line naming the service; a second close is a mistake and says so.")
    void afterCloseSubmitIsRefusedAndASecondCloseThrows(Implementation<Service.Starter> impl) {
        Service service = impl.create().start(TWO_WORKERS);
        service.close();

        assertThatThrownBy(() -> service.submit(new Request(9, 0))).isInstanceOf(IllegalStateException.class)
                .hasMessage("service '" + service.name() + "' is closed: request 9 refused");
        assertThatThrownBy(service::close).isInstanceOf(IllegalStateException.class)
                .hasMessage("service '" + service.name() + "' is already closed");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void aNullRequestIsRefusedAndTheServiceGoesOn(Implementation<Service.Starter> impl) {
        try (Service service = impl.create().start(TWO_WORKERS)) {
            assertThatThrownBy(() -> service.submit(null)).isInstanceOf(NullPointerException.class).hasMessage("request must not be null");
            assertThat(answer(service.submit(new Request(1, 0))).failed()).as("the next request failed").isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void theNameIsTheOneTheRegistryGives(Implementation<Service.Starter> impl) {
        try (Service service = impl.create().start(TWO_WORKERS)) {
            assertThat(service.name()).isEqualTo(impl.name());
        }
    }

    /** Bad specs fail in one line, before any service exists. */
    @org.junit.jupiter.api.Test
    void aSpecOutOfRangeIsRefusedInOneLineNamingWhatIsAllowed() {
        List<String> messages = new ArrayList<>();
        for (Runnable bad : List.<Runnable>of(
                () -> ServiceSpec.fixed(0, Duration.ofMillis(1)),
                () -> ServiceSpec.fixed(-3, Duration.ofMillis(1)),
                () -> ServiceSpec.fixed(1, Duration.ZERO),
                () -> ServiceSpec.fixed(1, Duration.ofMillis(-1)),
                () -> ServiceSpec.fixed(1, Duration.ofMillis(1)).withBatching(0, Duration.ofMillis(1)),
                () -> ServiceSpec.fixed(1, Duration.ofMillis(1)).withBatching(4, Duration.ZERO),
                () -> ServiceSpec.fixed(1, Duration.ofMillis(1)).withStall(10, 5))) {
            assertThatThrownBy(bad::run).isInstanceOf(BadInputException.class).satisfies(e -> messages.add(e.getMessage()));
        }
        assertThat(messages).containsExactly(
                "workers must be >= 1 (got 0)",
                "workers must be >= 1 (got -3)",
                "a batch must cost some time: per batch and per request must be >= 0 and not both 0 (got 0 ns and 0 ns)",
                "a batch must cost some time: per batch and per request must be >= 0 and not both 0 (got -1000000 ns and 0 ns)",
                "batch size must be >= 1 (got 0)",
                "batch timeout must be > 0 (got 0 ns)",
                "a stall must end after it starts (from 10 ns, until 5 ns)");
        assertThat(messages).as("each message is one line").noneMatch(m -> m.contains("\n"));
    }
}
