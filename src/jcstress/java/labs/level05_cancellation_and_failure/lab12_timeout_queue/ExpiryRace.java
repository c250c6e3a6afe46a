package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The stage the two queue tests share: a queue of 2 holding item 1 (expired) and item 2 (live), a
 * clock moved by hand. One actor polls, the other offers item 3 — which must first sweep 1 out to
 * find room. Afterwards the arbiter takes what is left and counts, for items 1 to 3, how many ended
 * no way at all ({@code lost}) and how many ended two ways ({@code twice}).
 */
final class ExpiryRace {

    private static final Duration TTL = Duration.ofMillis(100);

    private final TimeoutQueue<Integer> queue;
    private volatile int polled;

    ExpiryRace(Function<InstantSource, TimeoutQueue<Integer>> make) {
        AtomicLong nanos = new AtomicLong();
        this.queue = make.apply(() -> Instant.EPOCH.plusNanos(nanos.get()));
        try {
            queue.offer(1, Duration.ZERO);
            nanos.addAndGet(TTL.toNanos() / 2);
            queue.offer(2, Duration.ZERO);
            nanos.addAndGet(TTL.toNanos() / 2); // 1 has expired, 2 has half its time left
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static TimeoutQueue<Integer> peekThenPoll(InstantSource clock) {
        return new PeekThenPollTimeoutQueue<>(2, TTL, clock);
    }

    static TimeoutQueue<Integer> removeHead(InstantSource clock) {
        return new LinkedBlockingTimeoutQueue<>(2, TTL, clock);
    }

    void poll() {
        Integer item = take();
        polled = item == null ? 0 : item;
    }

    void offerThree() {
        try {
            queue.offer(3, Duration.ZERO);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {lost, twice} over items 1 to 3, once both actors are done. */
    int[] count() {
        List<Integer> ended = new ArrayList<>(queue.expired());
        if (polled != 0) {
            ended.add(polled);
        }
        for (Integer left = take(); left != null; left = take()) {
            ended.add(left);
        }
        Set<Integer> distinct = new HashSet<>(ended);
        return new int[] {3 - distinct.size(), ended.size() - distinct.size()};
    }

    private Integer take() {
        try {
            return queue.poll(Duration.ZERO);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
