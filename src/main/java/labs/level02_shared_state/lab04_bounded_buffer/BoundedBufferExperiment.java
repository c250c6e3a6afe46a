package labs.level02_shared_state.lab04_bounded_buffer;

import io.reactivex.rxjava3.core.Flowable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import labs.support.Experiment;
import labs.support.Choice;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * {@code labs run lab04}: W producers move N items each through a buffer of capacity 16 to W
 * consumers, then shut down: closable buffers are closed (consumers drain, then are told),
 * the others get one poison pill per consumer. A watchdog looks for a stall: no item moved for
 * {@value #STALL_MILLIS} ms (tests pass a longer threshold) while threads are still parked. It reports the stall and breaks it by
 * interrupting, so every run ends. Reactor and RxJava are one producer and one consumer (a
 * {@code Flux} has one producer) with the same bound as prefetch.
 */
public final class BoundedBufferExperiment implements Experiment {

    static final Setting PAIRS = Setting.wholeNumber("pairs", "producer/consumer pairs (default 2)", 1, 64);
    static final Setting ITEMS = Setting.wholeNumber("items", "items each producer puts (default 100000)", 1, 10_000_000);

    static final List<Choice> VARIANTS = List.of(
            new Choice("lock-conditions", "a lock and two conditions (notFull, notEmpty), waits in while loops"),
            new Choice("ArrayBlockingQueue", "the JDK's bounded blocking queue"),
            new Choice("unbounded", "BROKEN: no bound, the buffer grows while consumers lag"),
            new Choice("signal-instead-of-signalAll", "BROKEN: one condition, signal() wakes the wrong kind of waiter"),
            new Choice("if-instead-of-while", "BROKEN: a woken waiter does not re-check its condition"),
            new Choice("reactor-publishOn", "backpressure as the buffer: publishOn(single, capacity)"),
            new Choice("rxjava-observeOn", "backpressure as the buffer: observeOn(single, false, capacity)"));
    private static final int CAPACITY = 16;
    private static final long STALL_MILLIS = 500;
    private static final String POISON = "\u0000poison";

    private final long stallMillis;

    public BoundedBufferExperiment() {
        this(java.time.Duration.ofMillis(STALL_MILLIS));
    }

    /**
     * Tests pass a long threshold: 500 ms of wall clock is a heuristic, and on a loaded machine a
     * slow run could be counted as a stall that never was.
     */
    BoundedBufferExperiment(java.time.Duration stallThreshold) {
        if (stallThreshold.isNegative() || stallThreshold.isZero()) {
            throw new IllegalArgumentException("stall threshold must be > 0 (got " + stallThreshold + ")");
        }
        this.stallMillis = stallThreshold.toMillis();
    }

    @Override
    public List<Choice> implementations() {
        return VARIANTS;
    }

    @Override
    public List<Choice> scenarios() {
        return List.of() /* the broken variants are the failure scenarios: pick them with --impl */;
    }

    @Override
    public List<Setting> settings() {
        return List.of(PAIRS, ITEMS);
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(VARIANTS);
        request.scenario(scenarios());
        int workers = request.wholeNumber(PAIRS, 2);
        int items = request.wholeNumber(ITEMS, 100_000);
        return out -> printTo(out, impls, workers, items);
    }

    private void printTo(PrintStream out, List<String> impls, int workers, int items) throws InterruptedException {
        out.printf("%d producer(s) x %d items -> %d consumer(s), capacity %d, %d cores; stall = nothing moved for %d ms%n%n",
                workers, items, workers, CAPACITY, Runtime.getRuntime().availableProcessors(), stallMillis);
        Table table = new Table("impl", "threads", "items moved", "M items/s", "max occupancy", "stalls detected", "lost or corrupt");
        for (String impl : impls) {
            Observed o = switch (impl) {
                case "reactor-publishOn" -> reactor(workers * items);
                case "rxjava-observeOn" -> rxjava(workers * items);
                default -> threads(factory(impl), workers, items);
            };
            table.row(impl, o.threads, o.moved, "%.2f".formatted(o.moved / o.seconds / 1e6), o.maxOccupancy, o.stalls, o.damage);
        }
        table.print(out);
        out.println();
        out.println("""
                max occupancy is sampled by producers after each put (an upper bound is the point: capacity 16).
                unbounded ignores it; signal-instead-of-signalAll strands consumers that were waiting when the
                buffer closed (a stall, broken by the watchdog); if-instead-of-while can take from an empty ring
                (a null item and a negative count) when a woken consumer finds its item already taken.""");
    }

    private static IntFunction<BoundedBuffer<String>> factory(String impl) {
        return switch (impl) {
            case "lock-conditions" -> LockConditionBuffer::new;
            case "ArrayBlockingQueue" -> ArrayBlockingQueueBuffer::new;
            case "unbounded" -> UnboundedBuffer::new;
            case "signal-instead-of-signalAll" -> SignalInsteadOfSignalAllBuffer::new;
            case "if-instead-of-while" -> IfInsteadOfWhileBuffer::new;
            default -> throw new IllegalArgumentException(impl);
        };
    }

    private record Observed(String threads, long moved, double seconds, long maxOccupancy, int stalls, String damage) {
    }

    private Observed threads(IntFunction<BoundedBuffer<String>> factory, int workers, int items) throws InterruptedException {
        BoundedBuffer<String> buffer = factory.apply(CAPACITY);
        boolean closable = buffer instanceof ClosableBuffer<?>;
        AtomicLong moved = new AtomicLong();
        AtomicLong nulls = new AtomicLong();
        AtomicInteger maxOccupancy = new AtomicInteger();
        List<Thread> producers = new ArrayList<>();
        List<Thread> consumers = new ArrayList<>();
        long expected = (long) workers * items;
        // Every item plus one pill per consumer: no correct run takes more. A broken buffer that hands
        // out nulls without waiting (if-instead-of-while, count below zero) would otherwise spin forever.
        long takesAllowed = expected + workers;
        AtomicLong takes = new AtomicLong();
        long start = System.nanoTime();
        for (int c = 0; c < workers; c++) {
            consumers.add(Thread.ofPlatform().name("lab04-consumer-" + c).start(() -> {
                try {
                    while (takes.incrementAndGet() <= takesAllowed) {
                        String item = buffer.take();
                        if (item == null) {
                            nulls.incrementAndGet(); // if-instead-of-while took from an empty ring
                        } else if (item.equals(POISON)) {
                            return;
                        } else {
                            moved.incrementAndGet();
                        }
                    }
                } catch (BufferClosedException | InterruptedException e) {
                    // closed and drained, or broken out of a stall by the watchdog
                }
            }));
        }
        for (int p = 0; p < workers; p++) {
            int producer = p;
            producers.add(Thread.ofPlatform().name("lab04-producer-" + p).start(() -> {
                try {
                    for (int i = 0; i < items; i++) {
                        buffer.put(producer + ":" + i);
                        maxOccupancy.accumulateAndGet(buffer.size(), Math::max);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        int stalls = watch(producers, moved);
        if (closable) {
            ((ClosableBuffer<String>) buffer).close();
        } else {
            for (int c = 0; c < workers; c++) {
                Thread pill = Thread.ofPlatform().start(() -> {
                    try {
                        buffer.put(POISON);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                producers.add(pill);
            }
        }
        stalls += watch(consumers, moved);
        stalls += watch(producers, moved); // poison-pill producers, if a stall left them waiting
        double seconds = (System.nanoTime() - start) / 1e9;
        long notDelivered = expected - moved.get();
        // A null taken means a slot was read twice or an item overwritten: report both sides of it.
        String damage = nulls.get() > 0
                ? nulls.get() + " null items taken, " + notDelivered + " not delivered, count " + buffer.size()
                : notDelivered == 0 ? "none" : notDelivered + " not delivered";
        return new Observed(workers + "P/" + workers + "C", moved.get(), seconds, maxOccupancy.get(), stalls, damage);
    }

    /**
     * Waits for {@code threads} to end. A stall is no item moved for STALL_MILLIS while one of
     * them is parked; it is counted and broken by interrupting the parked threads.
     */
    private int watch(List<Thread> threads, AtomicLong moved) throws InterruptedException {
        int stalls = 0;
        long lastMoved = -1;
        for (Thread t : threads) {
            while (!t.join(java.time.Duration.ofMillis(stallMillis))) {
                long now = moved.get();
                if (now == lastMoved && threads.stream().anyMatch(BoundedBufferExperiment::isParked)) {
                    stalls++;
                    threads.stream().filter(BoundedBufferExperiment::isParked).forEach(Thread::interrupt);
                }
                lastMoved = now;
            }
        }
        return stalls;
    }

    private static boolean isParked(Thread t) {
        Thread.State s = t.getState();
        return t.isAlive() && (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING);
    }

    private static Observed reactor(int items) {
        AtomicLong produced = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        AtomicLong maxOccupancy = new AtomicLong();
        long start = System.nanoTime();
        Flux.range(0, items)
                .subscribeOn(Schedulers.single())
                .doOnNext(i -> maxOccupancy.accumulateAndGet(produced.incrementAndGet() - consumed.get(), Math::max))
                // Scheduler: production on single(), consumption on one parallel() worker.
                // Backpressure: publishOn requests CAPACITY (its prefetch) upstream and replenishes as
                // it drains, so at most CAPACITY items wait between the two threads.
                .publishOn(Schedulers.parallel(), CAPACITY)
                .doOnNext(i -> consumed.incrementAndGet())
                .blockLast();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Observed("1P/1C", consumed.get(), seconds, maxOccupancy.get(), 0, consumed.get() == items ? "none" : "lost");
    }

    private static Observed rxjava(int items) {
        AtomicLong produced = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        AtomicLong maxOccupancy = new AtomicLong();
        long start = System.nanoTime();
        Flowable.range(0, items)
                .subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.single())
                .doOnNext(i -> maxOccupancy.accumulateAndGet(produced.incrementAndGet() - consumed.get(), Math::max))
                // Scheduler: production on single(), consumption on one computation() worker.
                // Backpressure: observeOn's bufferSize = CAPACITY is its prefetch; it requests that many
                // upstream and replenishes as it drains, so at most CAPACITY items wait in between.
                .observeOn(io.reactivex.rxjava3.schedulers.Schedulers.computation(), false, CAPACITY)
                .doOnNext(i -> consumed.incrementAndGet())
                .blockingLast();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Observed("1P/1C", consumed.get(), seconds, maxOccupancy.get(), 0, consumed.get() == items ? "none" : "lost");
    }
}
