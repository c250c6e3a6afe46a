package labs.level02_shared_state.lab03_shared_counter;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import labs.support.Choice;
import labs.support.DescribedExperiment;
import labs.support.Request;
import labs.support.Result;
import labs.support.Setting;
import labs.support.Table;
import labs.support.Threads;

/**
 * {@code labs run lab03}: N threads each increment the same counter M times, released together by
 * a latch so they really contend. The table shows each variant's final count and how many updates
 * it lost (N × M minus what it counted); what follows the table is read from those rows. Lost
 * updates vary run to run; zero for a variant that keeps the contract does not.
 */
public final class SharedCounterExperiment extends DescribedExperiment {

    private static final int MAX_INCREMENTS = 10_000_000;
    private static final int MAX_THREADS = 256;
    static final Setting THREADS = Setting.wholeNumber("threads", "how many threads increment at once (default 4)", 1, MAX_THREADS);
    static final Setting INCREMENTS = Setting.wholeNumber("increments", "increments per thread (default 100000)", 1, MAX_INCREMENTS);

    /**
     * Every variant, in the order the table teaches them: each lesson just before what fixes it.
     * {@code SharedCounterExperimentTest} checks that it names each of {@link Counter#IMPLEMENTATIONS}
     * and {@link Counter#LESSONS} exactly once.
     */
    static final List<String> TOUR = List.of("racy", "volatile", "synchronized", "lock", "atomic", "adder",
            "reactor-tryEmitNext", "reactor-single-writer", "rxjava-unserialized", "rxjava-toSerialized");

    /** Generous: the default run takes well under a second; past this a counter is stuck, not slow. */
    private static final Duration JOIN_BOUND = Duration.ofMinutes(2);

    public SharedCounterExperiment() {
        super(implementationChoices(),
                List.of() /* the lessons are the failure scenarios: pick one with --impl */,
                List.of(THREADS, INCREMENTS));
    }

    private static List<Choice> implementationChoices() {
        return TOUR.stream().map(name -> new Choice(name, breaks(name)
                .map(clause -> "lesson, breaks clause " + clause.label() + ": " + Counter.LESSONS.named(name).summary())
                .orElseGet(() -> Counter.IMPLEMENTATIONS.named(name).summary()))).toList();
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        request.scenario(scenarios());
        int threads = request.wholeNumber(THREADS, 4);
        int increments = request.wholeNumber(INCREMENTS, 100_000);
        return out -> printTo(out, impls, threads, increments);
    }

    /** How to make the variant {@code --impl name} names, from whichever list holds it. */
    static Supplier<Counter> factory(String name) {
        return breaks(name).isEmpty() ? Counter.IMPLEMENTATIONS.create(name) : Counter.LESSONS.create(name).make();
    }

    /** The clause the variant breaks: empty for an implementation. */
    private static Optional<Counter.Clause> breaks(String name) {
        return Counter.IMPLEMENTATIONS.names().contains(name) ? Optional.empty() : Optional.of(Counter.LESSONS.create(name).breaks());
    }

    /** One row: what a variant was meant to keep, and what this run saw it do. */
    record Observed(String impl, Optional<Counter.Clause> breaks, long expected, long counted, double millis,
                    Optional<Exception> thrown, Optional<Throwable> streamDied, Optional<Long> refused) {
        long lost() {
            return expected - counted;
        }
    }

    private static void printTo(PrintStream out, List<String> impls, int threads, int increments) throws InterruptedException {
        long expected = (long) threads * increments;
        out.printf("%d threads x %d increments = %d expected; %d cores%n%n",
                threads, increments, expected, Runtime.getRuntime().availableProcessors());
        Table table = new Table("impl", "breaks", "final count", "lost updates", "lost %", "ms", "what happened");
        List<Observed> rows = new ArrayList<>();
        for (String impl : impls) {
            Observed row = runOnce(impl, threads, increments);
            rows.add(row);
            table.row(impl, row.breaks().map(Counter.Clause::label).orElse("-"), row.counted(), row.lost(),
                    "%.2f%%".formatted(100.0 * row.lost() / expected), "%.0f".formatted(row.millis()), remark(row));
        }
        table.print(out);
        out.println();
        out.println(readingOf(rows, threads));
    }

    private static Observed runOnce(String impl, int threads, int increments) throws InterruptedException {
        long start = System.nanoTime();
        try (Counter counter = factory(impl).get()) {
            Result<Long> returned = hammer(counter, threads, increments);
            double millis = (System.nanoTime() - start) / 1e6;
            Optional<Throwable> died = Optional.empty();
            Optional<Long> refused = Optional.empty();
            if (counter instanceof SingleWriterCounter single) {
                died = Optional.ofNullable(single.failure());
                if (single.core() instanceof ReactorTryEmitWriter tryEmit) {
                    refused = Optional.of(tryEmit.rejected());
                }
            }
            Optional<Exception> thrown = returned.succeeded() ? Optional.empty() : Optional.of((Exception) returned.error());
            return new Observed(impl, breaks(impl), (long) threads * increments, counter.get(), millis, thrown, died, refused);
        }
    }

    /**
     * Starts {@code threads} threads that each call {@code counter.increment()} {@code increments}
     * times, released together, and waits until all have ended. Success holds how many increments
     * returned (all of them); failure, the first exception an increment threw. An {@code Error} on
     * a thread is rethrown here, as it is, once every thread has ended.
     */
    static Result<Long> hammer(Counter counter, int threads, int increments) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                // Daemon: a counter that never returns must not also keep the JVM from exiting.
                workers.add(Thread.ofPlatform().daemon().name("lab03-incrementer-" + t).start(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < increments; i++) {
                            counter.increment();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        firstFailure.compareAndSet(null, e);
                    } catch (Exception e) {
                        firstFailure.compareAndSet(null, e);
                    } catch (Error e) {
                        firstFailure.compareAndSet(null, e); // not data: rethrown on the caller below
                    }
                }));
            }
        } finally {
            go.countDown(); // even if starting a thread failed: the ones started must not wait for ever
        }
        Threads.awaitEnd("lab03 incrementers (" + increments + " increments each)", workers, JOIN_BOUND, firstFailure.get());
        return switch (firstFailure.get()) {
            case null -> Result.success((long) threads * increments);
            case Error error -> throw error;
            case Throwable failure -> Result.failure(failure);
        };
    }

    private static String remark(Observed row) {
        if (row.thrown().isPresent()) {
            return "increment threw " + oneLine(row.thrown().get());
        }
        if (row.streamDied().isPresent()) {
            return "stream died: " + oneLine(row.streamDied().get());
        }
        if (row.refused().isPresent()) {
            return row.refused().get() + " emissions refused with FAIL_NON_SERIALIZED";
        }
        if (row.lost() == 0) {
            return "none lost";
        }
        return row.breaks().isPresent() ? "read-modify-write interleaved" : "CONTRACT BROKEN: updates lost";
    }

    private static String oneLine(Throwable failure) {
        return failure.getClass().getSimpleName() + " (" + String.valueOf(failure.getMessage()).lines().findFirst().orElse("") + ")";
    }

    /** What this run showed, in words computed from its rows — never a claim the rows could contradict. */
    static String readingOf(List<Observed> rows, int threads) {
        List<String> lines = new ArrayList<>();
        List<Observed> kept = rows.stream().filter(r -> r.breaks().isEmpty()).toList();
        if (!kept.isEmpty()) {
            List<Observed> broken = kept.stream().filter(r -> r.lost() != 0 || r.thrown().isPresent()).toList();
            lines.add(broken.isEmpty()
                    ? "This run: " + names(kept) + " lost no update, as the contract requires."
                    : "CONTRACT BROKEN this run: " + broken.stream().map(SharedCounterExperiment::lossOf).collect(Collectors.joining(", ")) + ".");
            Observed fastest = kept.stream().min(Comparator.comparingDouble(Observed::millis)).orElseThrow();
            Observed slowest = kept.stream().max(Comparator.comparingDouble(Observed::millis)).orElseThrow();
            if (kept.size() > 1) {
                lines.add("The price of keeping it: fastest " + fastest.impl() + " at " + "%.0f".formatted(fastest.millis())
                        + " ms, slowest " + slowest.impl() + " at " + "%.0f".formatted(slowest.millis()) + " ms.");
            }
        }
        List<Observed> losers = rows.stream().filter(r -> r.breaks().equals(Optional.of(Counter.Clause.NO_LOST_UPDATE))).toList();
        List<Observed> lost = losers.stream().filter(r -> r.lost() > 0).toList();
        if (!lost.isEmpty()) {
            lines.add("Lost updates: " + lost.stream().map(SharedCounterExperiment::lossOf).collect(Collectors.joining(", "))
                    + ". They vary from run to run; a variant that keeps the contract loses none, ever.");
        }
        lost.stream().filter(r -> r.refused().filter(n -> n == r.lost()).isPresent()).forEach(r -> lines.add(
                r.impl() + ": each of its " + r.lost() + " lost updates is one emission the sink refused (FAIL_NON_SERIALIZED) and nobody checked."));
        List<Observed> spared = losers.stream().filter(r -> r.lost() == 0 && r.thrown().isEmpty()).toList();
        if (!spared.isEmpty()) {
            lines.add(names(spared) + (threads == 1
                    ? " lost nothing: with one thread no two read-modify-writes can overlap. Try --threads 4."
                    : " lost nothing this run: an update is lost only when two threads overlap inside one read-modify-write;"
                            + " more --increments make that likelier."));
        }
        rows.stream().filter(r -> r.breaks().equals(Optional.of(Counter.Clause.LINEARIZABLE))).forEach(r -> lines.add(
                r.impl() + (r.lost() == 0 ? " lost nothing" : " lost " + r.lost()) + "; the clause it breaks, 2 (linearizable), cannot show"
                        + " in a final count: an increment may be counted only after it has returned. Lincheck shows it (FAILURE.md §3)."));
        return String.join("\n", lines);
    }

    private static String lossOf(Observed row) {
        return row.thrown().isPresent() ? row.impl() + " threw " + oneLine(row.thrown().get())
                : row.impl() + " " + row.lost() + " (" + "%.2f%%".formatted(100.0 * row.lost() / row.expected()) + ")";
    }

    private static String names(List<Observed> rows) {
        return rows.stream().map(Observed::impl).collect(Collectors.joining(", "));
    }
}
