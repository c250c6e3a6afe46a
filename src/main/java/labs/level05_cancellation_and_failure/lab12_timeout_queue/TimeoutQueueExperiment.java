package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import labs.support.Choice;
import labs.support.CpuWork;
import labs.support.DescribedExperiment;
import labs.support.Implementation;
import labs.support.Implementations;
import labs.support.Request;
import labs.support.Setting;
import labs.support.Table;
import labs.support.Threads;

/**
 * {@code labs run lab12}: two producer threads offer numbered items to each queue (a producer waits
 * at most {@value #OFFER_TIMEOUT_MILLIS} ms for room), one consumer thread polls them (at most
 * {@value #POLL_TIMEOUT_MILLIS} ms) and works on each; items live {@code --ttl} ms. When the
 * producers are done and the consumer has nothing left to take, the queue is closed (what is held
 * expires).
 *
 * <p>The table is what this harness saw, held against what the queue says: every item offered must
 * have ended exactly one way — received by the consumer, listed as expired, or refused to its
 * producer. {@code lost} counts items in none of those, {@code twice} items in two. What it prints
 * after the table is computed from the rows ({@link #readingOf}).
 */
public final class TimeoutQueueExperiment extends DescribedExperiment {

    static final Setting CAPACITY = Setting.wholeNumber("capacity", "how many items the queue holds (default 8)", 1, 10_000);
    static final Setting ITEMS = Setting.wholeNumber("items", "how many items the producers offer in all (default 4000)", 2, 1_000_000);
    static final Setting TTL = Setting.wholeNumber("ttl", "each item's time-to-live in ms (default 5)", 1, 60_000);

    static final List<Choice> SCENARIOS = List.of(
            new Choice("slow-consumer", "the consumer works ~1 ms per item: items wait, and many expire in the queue"),
            new Choice("stalled-consumer", "the consumer stops after a quarter of the items: producers time out, held items expire"),
            new Choice("short-polls", "paced producers, polls of 0.1 ms: many polls time out as items arrive; none may be reported twice"));

    /** The broken variant, for the table: it loses what expires. */
    static final Implementations<TimeoutQueue.Factory> BROKEN = Implementations.of("lab12",
            new Implementation<>("dropping", "BROKEN: the consumer skips stale items without counting them: they are lost",
                    TimeoutQueueExperiment::dropping));

    static final long OFFER_TIMEOUT_MILLIS = 2;
    static final long POLL_TIMEOUT_MILLIS = 5;
    private static final int PRODUCERS = 2;

    private static <T> TimeoutQueue<T> dropping(int capacity, Duration ttl, Timing timing) {
        return new DroppingTimeoutQueue<>(capacity, ttl, timing.clock());
    }

    public TimeoutQueueExperiment() {
        super(implementationChoices(),
                SCENARIOS,
                List.of(CAPACITY, ITEMS, TTL));
    }

    private static List<Choice> implementationChoices() {
        List<Choice> all = new ArrayList<>(TimeoutQueue.IMPLEMENTATIONS.choices());
        all.addAll(BROKEN.choices());
        return all;
    }

    @Override
    public Run prepare(Request request) {
        List<String> impls = request.implementations(implementations());
        String scenario = request.scenario(SCENARIOS).orElse("none");
        int capacity = request.wholeNumber(CAPACITY, 8);
        int items = request.wholeNumber(ITEMS, 4_000);
        Duration ttl = Duration.ofMillis(request.wholeNumber(TTL, 5));
        return out -> printTo(out, impls, scenario, capacity, items, ttl);
    }

    private static TimeoutQueue.Factory factory(String impl) {
        return TimeoutQueue.IMPLEMENTATIONS.names().contains(impl) ? TimeoutQueue.IMPLEMENTATIONS.create(impl) : BROKEN.create(impl);
    }

    private static void printTo(PrintStream out, List<String> impls, String scenario, int capacity, int items, Duration ttl) throws InterruptedException {
        double serviceMillis = scenario.equals("slow-consumer") ? 1 : 0.02;
        CpuWork service = CpuWork.calibrate(serviceMillis);
        out.printf("%d items from %d producers (offer timeout %d ms) to one consumer (poll timeout %s, ~%s ms of work per item),%n"
                        + "queue capacity %d, time-to-live %d ms, %d cores; scenario: %s%n%n",
                items, PRODUCERS, OFFER_TIMEOUT_MILLIS, scenario.equals("short-polls") ? "0.1 ms" : POLL_TIMEOUT_MILLIS + " ms",
                serviceMillis, capacity, ttl.toMillis(), Runtime.getRuntime().availableProcessors(), scenario);
        Table table = new Table("impl", "offered", "delivered", "expired", "refused", "lost", "twice", "empty polls", "ledger", "wall ms");
        List<Observed> runs = new ArrayList<>();
        for (String impl : impls) {
            Observed o;
            try (TimeoutQueue<Integer> queue = factory(impl).create(capacity, ttl, Timing.real())) {
                o = runOnce(impl, queue, items, service, scenario);
            }
            runs.add(o);
            table.row(impl, o.offered(), o.delivered(), o.expired(), o.refused(), o.lost(), o.twice(), o.emptyPolls(),
                    o.ledgerAddsUp() ? "adds up" : "DOES NOT ADD UP", "%.0f".formatted(o.wallMillis()));
        }
        table.print(out);
        out.println();
        out.println(readingOf(runs, scenario));
    }

    /** One queue's run, as the harness saw it. */
    record Observed(String impl, int offered, int delivered, int expired, int refused, int lost, int twice, long emptyPolls,
                    boolean ledgerAddsUp, double wallMillis) {
    }

    private static Observed runOnce(String impl, TimeoutQueue<Integer> queue, int items, CpuWork service, String scenario) throws InterruptedException {
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean producing = new AtomicBoolean(true);
        BitSet received = new BitSet(items);
        int[] twice = new int[1];
        long[] emptyPolls = new long[1];
        Duration pollTimeout = scenario.equals("short-polls") ? Duration.ofNanos(100_000) : Duration.ofMillis(POLL_TIMEOUT_MILLIS);
        int stallAfter = scenario.equals("stalled-consumer") ? items / 4 : Integer.MAX_VALUE;
        long start = System.nanoTime();

        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int first = p;
            producers.add(Thread.ofPlatform().name("lab12-producer-" + p).start(() -> {
                try {
                    for (int item = first; item < items; item += PRODUCERS) {
                        if (!queue.offer(item, Duration.ofMillis(OFFER_TIMEOUT_MILLIS))) {
                            refused.incrementAndGet();
                        }
                        if (scenario.equals("short-polls")) {
                            LockSupport.parkNanos(50_000); // paced: items arrive while polls are waiting
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // nobody interrupts them: the run ends when they are done
                }
            }));
        }
        Thread consumer = Thread.ofPlatform().name("lab12-consumer").start(() -> {
            int taken = 0;
            try {
                while (taken < stallAfter) {
                    boolean wasProducing = producing.get();
                    Integer item = queue.poll(pollTimeout);
                    if (item == null) {
                        emptyPolls[0]++;
                        if (!wasProducing) {
                            return; // nothing came after the producers were done: the queue is drained
                        }
                        continue;
                    }
                    taken++;
                    if (received.get(item)) {
                        twice[0]++;
                    }
                    received.set(item);
                    service.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Threads.awaitEnd("lab12 producers (" + impl + ")", producers, null);
        producing.set(false);
        Threads.awaitEnd("lab12 consumer (" + impl + ")", List.of(consumer), null);
        queue.close();
        double wall = (System.nanoTime() - start) / 1e6;

        BitSet ended = (BitSet) received.clone();
        int expiredTwice = 0;
        List<Integer> expired = queue.expired();
        for (int item : expired) {
            if (ended.get(item)) {
                expiredTwice++;
            }
            ended.set(item);
        }
        Ledger ledger = queue.ledger();
        int lost = items - refused.get() - ended.cardinality();
        return new Observed(impl, items, received.cardinality(), expired.size(), refused.get(), Math.max(0, lost),
                twice[0] + expiredTwice, emptyPolls[0], ledger.addsUp(), wall);
    }

    /** What this run showed, in words computed from its rows — never a claim the rows could contradict. */
    static String readingOf(List<Observed> runs, String scenario) {
        StringBuilder out = new StringBuilder();
        List<String> broken = runs.stream().filter(r -> r.lost() > 0 || r.twice() > 0 || !r.ledgerAddsUp())
                .map(r -> r.impl() + " (" + r.lost() + " lost, " + r.twice() + " twice" + (r.ledgerAddsUp() ? "" : ", its own counts do not add up") + ")")
                .toList();
        out.append(broken.isEmpty()
                ? "This run: every item ended exactly one way in every queue — received, expired or refused; none lost, none twice."
                : "This run: items did NOT end exactly one way in " + String.join(", ", broken) + ".");
        runs.stream().filter(r -> r.impl().equals("dropping") && r.lost() > 0).findFirst().ifPresent(r -> out.append("\n'dropping' skipped ")
                .append(r.lost()).append(" stale items without counting them: nobody can tell whether they were consumed or lost."));
        runs.stream().filter(r -> r.impl().equals("dropping") && r.lost() == 0).findFirst().ifPresent(r -> out.append("\n'dropping' lost nothing")
                .append(" this run: no item went stale before the consumer took it. Try --inject slow-consumer."));
        // The ranges are the reference queues': the broken one counts no expiry at all, so alone it has nothing to say here.
        List<Observed> rows = runs.stream().filter(r -> !BROKEN.names().contains(r.impl())).toList();
        if (rows.isEmpty()) {
            return out.toString();
        }
        switch (scenario) {
            case "stalled-consumer" -> out.append("\nWith the consumer stalled, the producers were refused ")
                    .append(range(rows, Observed::refused)).append(" times and ").append(range(rows, Observed::expired))
                    .append(" items expired where they were held: producers time out, and what the queue held is accounted for, not lost.");
            case "slow-consumer" -> out.append("\nA slow consumer: ").append(range(rows, Observed::expired))
                    .append(" items expired waiting for it, and ").append(range(rows, Observed::refused))
                    .append(" offers were refused. Expired items never reach it late: it only gets items still alive.");
            case "short-polls" -> out.append("\nPolls that timed out with nothing: ").append(range(rows, Observed::emptyPolls))
                    .append(". Each one raced the arrival of an item, and no item was reported both to a poll and as expired, or to two polls.");
            default -> out.append("\nExpired: ").append(range(rows, Observed::expired)).append(", refused: ").append(range(rows, Observed::refused))
                    .append(". Compare --inject slow-consumer and stalled-consumer.");
        }
        return out.toString();
    }

    /** {@code 3} when every run saw 3, else {@code 0 to 12}. */
    private static String range(List<Observed> runs, java.util.function.ToLongFunction<Observed> column) {
        long min = runs.stream().mapToLong(column).min().orElse(0);
        long max = runs.stream().mapToLong(column).max().orElse(0);
        return min == max ? String.valueOf(min) : min + " to " + max;
    }
}
