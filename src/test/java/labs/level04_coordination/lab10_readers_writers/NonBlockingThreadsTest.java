package labs.level04_coordination.lab10_readers_writers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import labs.support.Hint;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Where each variant may run, under BlockHound (on for every test here). The lanes never park: their
 * writes run on a non-blocking scheduler and their readers' work never runs on the lane. A lock
 * does park when it is contended — fine on {@code boundedElastic()}, refused on {@code parallel()};
 * only the scheduler changes between the two. The blocking edge of a lane belongs to callers
 * outside the reactive world; inside it, the core composes.
 */
class NonBlockingThreadsTest {

    @Test
    @Hint("The lane's tasks only merge maps and emit; nothing in them may wait for anything.")
    void theReactorLanesWritesFromManyThreadsNeverParkOnParallel() {
        ReactorLaneConfig config = new ReactorLaneConfig(Schedulers.parallel(), Schedulers.parallel());
        Flux.range(0, 400)
                .flatMap(i -> Mono.defer(() -> config.write(Map.of("k" + i % 8, "v" + i))).subscribeOn(Schedulers.parallel()), 8)
                .blockLast();
        assertThat(config.snapshot()).as("keys after 400 writes of 8 keys from parallel() threads").hasSize(8);
        config.close();
    }

    @Test
    @Hint("The lane's tasks only merge maps and emit; nothing in them may wait for anything.")
    void theRxJavaLanesWritesFromManyThreadsNeverParkOnComputation() {
        RxJavaLaneConfig config = new RxJavaLaneConfig(io.reactivex.rxjava3.schedulers.Schedulers.computation(),
                io.reactivex.rxjava3.schedulers.Schedulers.computation());
        io.reactivex.rxjava3.core.Flowable.range(0, 400)
                .flatMapSingle(i -> io.reactivex.rxjava3.core.Single.defer(() -> config.write(Map.of("k" + i % 8, "v" + i)))
                        .subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.computation()), false, 8)
                .blockingLast();
        assertThat(config.snapshot()).as("keys after 400 writes of 8 keys from computation() threads").hasSize(8);
        config.close();
    }

    /**
     * Guards the tempting lane that emits straight to its readers: their {@code onNext} would then run
     * on the lane, and a reader that waits there would hold back every write behind it — writer
     * starvation again, in reactive clothes. Here a reader parks (allowed: its scheduler is
     * {@code boundedElastic()}) and two writes still go through.
     */
    @Test
    @Hint("Where does a reader's onNext run? If on the lane, a slow reader holds back every write queued behind it: deliver snapshots on the readers' scheduler.")
    void aReaderParkedInOnNextOnItsOwnSchedulerNeverHoldsBackAWrite() throws InterruptedException {
        ReactorLaneConfig config = new ReactorLaneConfig(Schedulers.single(), Schedulers.boundedElastic());
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> readerThread = new AtomicReference<>();
        Disposable reader = config.snapshots().filter(s -> s.containsKey("k")).subscribe(snapshot -> {
            if (readerThread.compareAndSet(null, Thread.currentThread().getName())) {
                inside.countDown();
                try {
                    Watch.await("the test releasing the reader", release);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try {
            Result<Boolean> first = Staged.run("writer-1", () -> config.update(Map.of("k", "1"))).join();
            Watch.await("the reader inside onNext", inside);
            Result<Boolean> second = Staged.run("writer-2", () -> config.update(Map.of("k", "2"))).join();

            assertThat(readerThread.get()).as("the thread the reader's onNext ran on").startsWith("boundedElastic");
            assertThat(first.succeeded()).as("the first write").isTrue();
            assertThat(second.succeeded()).as("the second write, made while the reader was parked in onNext").isTrue();
            assertThat(config.get("k")).as("k after both writes").isEqualTo("2");
        } finally {
            release.countDown();
            reader.dispose();
            config.close();
        }
    }

    @Test
    @Hint("block() is for callers outside the reactive world: inside it, compose the core's Mono instead.")
    void theLanesBlockingEdgeIsRefusedOnAParallelThreadWhereItsCoreComposes() {
        ReactorLaneConfig config = new ReactorLaneConfig();
        try {
            Throwable edge = catchThrowable(() -> Mono.fromRunnable(() -> config.update(Map.of("k", "edge"))).subscribeOn(Schedulers.parallel()).block());
            assertThat(Exceptions.unwrap(edge)).as("update() (a block()) called on a parallel() thread")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("block()/blockFirst()/blockLast() are blocking");

            Map<String, String> written = Mono.defer(() -> config.write(Map.of("k", "core"))).subscribeOn(Schedulers.parallel()).block();
            assertThat(written).as("the snapshot write() emitted, composed on a parallel() thread").isEqualTo(Map.of("k", "core"));
        } finally {
            config.close();
        }
    }

    /**
     * A contended lock parks: the writer waits for reader A inside {@code read}. Run on
     * {@code boundedElastic()} that is what it is for; on {@code parallel()} BlockHound refuses it.
     * The same call, only the scheduler changed. Copy-on-write, whose writer never waits for a reader,
     * goes through on {@code parallel()} with the same reader inside.
     */
    @Test
    @Hint("A contended read-write lock parks its writer: keep lock-based configs off parallel() and single(), or use a variant whose writers never wait for readers.")
    void aWriterThatMustWaitForAReaderParksWhichBlockHoundRefusesOnParallelAndBoundedElasticAllows() throws Exception {
        SharedConfig locked = new ReadWriteLockConfig(false);
        SharedConfig copyOnWrite = new CopyOnWriteConfig();
        try (ParkedReader a = ParkedReader.enter("reader-A", locked, "k"); ParkedReader c = ParkedReader.enter("reader-C", copyOnWrite, "k")) {
            Throwable onParallel = catchThrowable(() -> Mono.fromRunnable(() -> locked.update(Map.of("k", "parallel")))
                    .subscribeOn(Schedulers.parallel()).block());
            assertThat(Exceptions.unwrap(onParallel)).as("rwlock's update on parallel() while a reader is inside").isInstanceOf(BlockingOperationError.class);

            Mono.fromRunnable(() -> copyOnWrite.update(Map.of("k", "parallel"))).subscribeOn(Schedulers.parallel()).block();
            assertThat(copyOnWrite.get("k")).as("copy-on-write's update on parallel() while a reader is inside").isEqualTo("parallel");

            AtomicReference<Thread> writer = new AtomicReference<>();
            CompletableFuture<Object> onBoundedElastic = Mono.fromRunnable(() -> {
                writer.set(Thread.currentThread());
                locked.update(Map.of("k", "boundedElastic"));
            }).subscribeOn(Schedulers.boundedElastic()).toFuture();
            Watch.until("rwlock's writer parked on boundedElastic()", () -> writer.get() != null && Watch.isParked(writer.get()));
            a.leave();
            onBoundedElastic.get(Watch.BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(locked.get("k")).as("k once reader A had left").isEqualTo("boundedElastic");
        } finally {
            locked.close();
            copyOnWrite.close();
        }
    }
}
