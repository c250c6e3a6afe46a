package labs.level02_shared_state.lab04_bounded_buffer;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import labs.support.Choice;
import labs.support.DescribedExperiment;
import labs.support.Implementation;
import labs.support.Implementations;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;
import labs.support.Threads;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code labs run lab04}: P producers move N items each through a buffer of capacity 16 to P
 * consumers, then shut down: closable buffers are closed (consumers drain, then are told), the
 * others get one poison pill per consumer. A watchdog looks for a stall: no item moved for
 * {@value #STALL_MILLIS} ms (tests pass a longer threshold) while threads are still parked. It
 * counts the stall and breaks it by interrupting, so every run ends. The reactive rows are one
 * producer and one consumer (a {@code Flux} has one producer) through the lab's
 * {@link ReactorBackpressure#pull} / {@link RxJavaBackpressure#pull} with the same bound.
 *
 * <p>Implementations: the contract's ({@link BoundedBuffer#IMPLEMENTATIONS}), the broken variants
 * ({@link #BROKEN}) and the reactive pipes ({@link #REACTIVE}). What it prints after the table is
 * computed from what the run observed ({@link #readingOf}).
 */
public final class BoundedBufferExperiment extends DescribedExperiment {

    static final Setting PAIRS = Setting.wholeNumber("pairs", "producer/consumer pairs (default 2)", 1, 64);
    static final Setting ITEMS = Setting.wholeNumber("items", "items each producer puts (default 100000)", 1, 10_000_000);

    /** The broken variants: each is one deliberate mistake, and the table shows what it costs. */
    static final Implementations<IntFunction<HandOff<String>>> BROKEN = Implementations.of("lab04",
            // The capacity every buffer is asked for is exactly what this one ignores.
            new Implementation<>("unbounded", "BROKEN: put never waits, so the backlog grows while consumers lag", capacity -> new UnboundedBuffer<>()),
            new Implementation<>("signal-instead-of-signalAll", "BROKEN: close() signals one waiter per condition; the others stall",
                    SignalInsteadOfSignalAllBuffer::new),
            new Implementation<>("if-instead-of-while", "BROKEN: waits in an if; a late-woken thread takes from an empty ring or puts into a full one",
                    IfInsteadOfWhileBuffer::new));

    /** The reactive pipes: one producer, the bound as backpressure, one consumer. */
    static final Implementations<ReactiveRun> REACTIVE = Implementations.of("lab04",
            new Implementation<>("reactor-publishOn", "ReactorBackpressure.pull: producer on single(), publishOn(parallel(), 16), one item at a time",
                    BoundedBufferExperiment::reactor),
            new Implementation<>("rxjava-observeOn", "RxJavaBackpressure.pull: producer on single(), observeOn(computation(), true, 16), one item at a time",
                    BoundedBufferExperiment::rxjava));

    static final int CAPACITY = 16;
    private static final long STALL_MILLIS = 500;
    /** How many watchdog rounds with no progress and nobody parked before a run is called hung. */
    private static final int HUNG_ROUNDS = 20;
    private static final String POISON = "\u0000poison";

    private final long stallMillis;

    public BoundedBufferExperiment() {
        this(Duration.ofMillis(STALL_MILLIS));
    }

    /**
     * Tests pass a long threshold: 500 ms of wall clock is a heuristic, and on a loaded machine a
     * slow run could be counted as a stall that never was.
     */
    BoundedBufferExperiment(Duration stallThreshold) {
        super(Stream.of(BoundedBuffer.IMPLEMENTATIONS.choices(), BROKEN.choices(), REACTIVE.choices()).flatMap(List::stream).toList(),
                List.of() /* the broken variants are the failure scenarios: pick them with --impl */,
                List.of(PAIRS, ITEMS));
        if (stallThreshold.isNegative() || stallThreshold.isZero()) {
            throw new IllegalArgumentException("stall threshold must be > 0 (got " + stallThreshold + ")");
        }
        this.stallMillis = stallThreshold.toMillis();
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        request.scenario(scenarios());
        int pairs = request.wholeNumber(PAIRS, 2);
        int items = request.wholeNumber(ITEMS, 100_000);
        return out -> printTo(out, impls, pairs, items);
    }

    private void printTo(PrintStream out, List<String> impls, int pairs, int items) throws InterruptedException {
        out.printf("%d producer(s) x %d items -> %d consumer(s), capacity %d, %d cores; stall = nothing moved for %d ms%n%n",
                pairs, items, pairs, CAPACITY, Runtime.getRuntime().availableProcessors(), stallMillis);
        Table table = new Table("impl", "threads", "items moved", "M items/s", "most held", "stalls", "lost or corrupt");
        List<Observed> rows = new ArrayList<>();
        for (String impl : impls) {
            Observed o = run(impl, pairs, items);
            rows.add(o);
            table.row(impl, o.threads(), o.moved(), "%.2f".formatted(o.moved() / o.seconds() / 1e6), o.mostHeld(), o.stalls(), o.damage());
        }
        table.print(out);
        out.println();
        out.println(readingOf(rows, pairs));
    }

    private Observed run(String impl, int pairs, int items) throws InterruptedException {
        if (BoundedBuffer.IMPLEMENTATIONS.names().contains(impl)) {
            return threads(impl, BoundedBuffer.IMPLEMENTATIONS.create(impl).withCapacity(CAPACITY), pairs, items);
        }
        if (BROKEN.names().contains(impl)) {
            return threads(impl, BROKEN.create(impl).apply(CAPACITY), pairs, items);
        }
        return REACTIVE.create(impl).run(impl, pairs * items); // at most 64 x 10 000 000: fits an int
    }

    /**
     * One row of the table.
     *
     * @param mostHeld       the largest {@code size()} a producer read right after one of its puts
     *                       (reactive: items emitted and not yet consumed)
     * @param stranded consumers that only the watchdog's interrupt got out of a wait
     */
    record Observed(String impl, String threads, long moved, double seconds, long mostHeld, int stalls,
                    long nulls, long notDelivered, int finalSize, int stranded) {

        String damage() {
            if (nulls > 0) {
                return nulls + " null items taken, " + notDelivered + " not delivered, count " + finalSize;
            }
            return notDelivered == 0 ? "none" : notDelivered + " not delivered";
        }

        boolean heldTheContract() {
            return nulls == 0 && notDelivered == 0 && mostHeld <= CAPACITY && stalls == 0;
        }
    }

    /** A reactive row: moves {@code items} from one producer to one consumer. */
    @FunctionalInterface
    interface ReactiveRun {
        Observed run(String impl, int items);
    }

    private Observed threads(String impl, HandOff<String> buffer, int pairs, int items) throws InterruptedException {
        AtomicLong moved = new AtomicLong();
        AtomicLong nulls = new AtomicLong();
        AtomicInteger stranded = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        List<Thread> producers = new ArrayList<>();
        List<Thread> consumers = new ArrayList<>();
        long expected = (long) pairs * items;
        // Every item plus one pill per consumer: no correct run takes more. A broken buffer that hands
        // out nulls without waiting (if-instead-of-while, count below zero) would otherwise spin forever.
        long takesAllowed = expected + pairs;
        AtomicLong takes = new AtomicLong();
        long start = System.nanoTime();
        for (int c = 0; c < pairs; c++) {
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
                } catch (BufferClosedException e) {
                    // closed and drained: the documented way out
                } catch (InterruptedException e) {
                    stranded.incrementAndGet(); // broken out of a stall by the watchdog
                }
            }));
        }
        for (int p = 0; p < pairs; p++) {
            int producer = p;
            producers.add(Thread.ofPlatform().name("lab04-producer-" + p).start(() -> {
                try {
                    for (int i = 0; i < items; i++) {
                        buffer.put(producer + ":" + i);
                        mostHeld.accumulateAndGet(buffer.size(), Math::max);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        List<Thread> all = new ArrayList<>(producers);
        all.addAll(consumers);
        int stalls = 0;
        Throwable primary = null;
        try {
            stalls += watch(producers, moved);
            if (buffer instanceof ClosableBuffer<String> closable) {
                closable.close();
            } else {
                for (int c = 0; c < pairs; c++) {
                    Thread pill = Thread.ofPlatform().name("lab04-poison-pill-" + c).start(() -> {
                        try {
                            buffer.put(POISON);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    consumers.add(pill);
                    all.add(pill);
                }
            }
            stalls += watch(consumers, moved); // consumers, and pills left waiting by a stall
        } catch (RuntimeException | InterruptedException e) {
            primary = e;
            all.forEach(Thread::interrupt);
            throw e;
        } finally {
            Threads.awaitEnd("lab04 experiment (" + impl + ")", all, primary);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Observed(impl, pairs + "P/" + pairs + "C", moved.get(), seconds, mostHeld.get(), stalls,
                nulls.get(), expected - moved.get(), buffer.size(), stranded.get());
    }

    /**
     * The watchdog: waits for {@code threads} to end. A stall is no item moved for
     * {@code stallMillis} while one of them is parked; it is counted and broken by interrupting the
     * parked threads. Threads that make no progress and do not park either (a broken buffer gone
     * round in circles) are interrupted after {@link #HUNG_ROUNDS} rounds; the caller's bounded
     * {@link Threads#awaitEnd} then reports any that still do not end.
     */
    private int watch(List<Thread> threads, AtomicLong moved) throws InterruptedException {
        int stalls = 0;
        int idleRounds = 0;
        long lastMoved = -1;
        for (Thread t : threads) {
            while (!t.join(Duration.ofMillis(stallMillis))) {
                long now = moved.get();
                if (now != lastMoved) {
                    idleRounds = 0;
                } else if (threads.stream().anyMatch(BoundedBufferExperiment::isParked)) {
                    stalls++;
                    threads.stream().filter(BoundedBufferExperiment::isParked).forEach(Thread::interrupt);
                } else if (++idleRounds >= HUNG_ROUNDS) {
                    threads.forEach(Thread::interrupt);
                    return stalls;
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

    /** One reactive lane's counts: items emitted, items consumed, and the most in flight between them. */
    private static final class Lane {
        final AtomicLong produced = new AtomicLong();
        final AtomicLong consumed = new AtomicLong();
        final AtomicLong mostHeld = new AtomicLong();
        final long start = System.nanoTime();

        void emitted() {
            mostHeld.accumulateAndGet(produced.incrementAndGet() - consumed.get(), Math::max);
        }

        Observed observed(String impl, int items) {
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Observed(impl, "1P/1C", consumed.get(), seconds, mostHeld.get(), 0, 0, items - consumed.get(), 0, 0);
        }
    }

    private static Observed reactor(String impl, int items) {
        Lane lane = new Lane();
        Flux<Integer> producer = Flux.range(0, items).subscribeOn(Schedulers.single()).doOnNext(i -> lane.emitted());
        new ReactorBackpressure(CAPACITY).pull(producer, item -> Mono.empty()).doOnNext(i -> lane.consumed.incrementAndGet()).blockLast();
        return lane.observed(impl, items);
    }

    private static Observed rxjava(String impl, int items) {
        Lane lane = new Lane();
        Flowable<Integer> producer = Flowable.range(0, items).subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.single()).doOnNext(i -> lane.emitted());
        new RxJavaBackpressure(CAPACITY).pull(producer, item -> Completable.complete()).doOnNext(i -> lane.consumed.incrementAndGet()).blockingLast(-1);
        return lane.observed(impl, items);
    }

    /** What this run showed, in words computed from its rows: never a claim the rows could contradict. */
    static String readingOf(List<Observed> rows, int pairs) {
        List<String> lines = new ArrayList<>();
        lines.add("most held = the largest size() a producer read right after its put (reactive: items emitted, not yet consumed); capacity "
                + CAPACITY + ".");
        List<String> kept = rows.stream().filter(o -> !BROKEN.names().contains(o.impl()) && o.heldTheContract()).map(Observed::impl).toList();
        if (!kept.isEmpty()) {
            lines.add("This run: " + String.join(", ", kept) + " moved every item exactly once, never held more than "
                    + CAPACITY + ", and never stalled.");
        }
        for (Observed o : rows) {
            switch (o.impl()) {
                case "unbounded" -> lines.add(unbounded(o, rows));
                case "signal-instead-of-signalAll" -> lines.add(signalInsteadOfSignalAll(o, pairs));
                case "if-instead-of-while" -> lines.add(ifInsteadOfWhile(o, pairs));
                default -> {
                    if (!o.heldTheContract()) {
                        lines.add(o.impl() + ": CONTRACT BROKEN this run: most held " + o.mostHeld() + ", " + o.stalls()
                                + " stall(s), lost or corrupt: " + o.damage() + ".");
                    }
                }
            }
        }
        return String.join(System.lineSeparator(), lines);
    }

    private static String unbounded(Observed o, List<Observed> rows) {
        if (o.mostHeld() <= CAPACITY) {
            return "unbounded: held at most " + o.mostHeld() + " items this run, within " + CAPACITY
                    + " only because the consumers kept up: nothing would have stopped its producers. Try --items 1000000.";
        }
        String line = "unbounded: held up to " + o.mostHeld() + " items at once, " + (o.mostHeld() / CAPACITY)
                + "x the capacity it was asked for: its put never waits, so the producers ran that far ahead of the consumers"
                + " (memory a real system pays for until it runs out).";
        double rate = o.moved() / o.seconds();
        List<String> slower = rows.stream().filter(r -> !BROKEN.names().contains(r.impl()) && r.heldTheContract() && r.moved() / r.seconds() < rate)
                .map(Observed::impl).toList();
        return slower.isEmpty() ? line : line + " Its higher M items/s than " + String.join(", ", slower) + " is bought with that memory.";
    }

    private static String signalInsteadOfSignalAll(Observed o, int pairs) {
        if (o.stalls() > 0) {
            return "signal-instead-of-signalAll: " + o.stalls() + " stall(s), " + o.stranded() + " consumer(s) stranded: still waiting"
                    + " when close() ran and not reached by its one signal(); the watchdog found them parked on a closed buffer,"
                    + " with no one left to signal them, and interrupted them.";
        }
        return "signal-instead-of-signalAll: 0 stalls this run, so at most one consumer was still waiting when close() ran,"
                + " and its one signal() reached it. The stall needs two or more still waiting at close (consumers that drained"
                + " the buffer before the producers finished). " + moreContention(pairs);
    }

    private static String ifInsteadOfWhile(Observed o, int pairs) {
        if (o.nulls() > 0 || o.mostHeld() > CAPACITY) {
            String line = "if-instead-of-while: " + o.damage() + ".";
            if (o.mostHeld() > CAPACITY) {
                line += " Its size() read " + o.mostHeld() + " in a ring of " + CAPACITY + " slots: the count no longer counts items."
                        + " A woken thread that did not re-check put into a full ring or took from an empty one; once the count"
                        + " passed " + CAPACITY + ", 'count == capacity' never held again, puts stopped waiting and overwrote items not yet taken.";
            } else {
                line += " A consumer woken after another took its item took from an empty ring, and did not look again.";
            }
            return line;
        }
        return "if-instead-of-while: no damage this run. The bug needs a thread woken after another of its kind got there first"
                + (pairs == 1 ? ": with one consumer and one producer nobody can. Try --pairs 2 or more." : " (luck, under contention). " + moreContention(pairs));
    }

    /** What to try next: more pairs, or (with many already) another run — whether the bug bites is timing. */
    private static String moreContention(int pairs) {
        return pairs < 8 ? "Try --pairs 8." : "Run it again, or with more pairs: whether it bites is a matter of timing.";
    }
}
