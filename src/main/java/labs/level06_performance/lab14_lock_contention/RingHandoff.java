package labs.level06_performance.lab14_lock_contention;

import java.util.Queue;
import reactor.util.concurrent.Queues;

/**
 * Reactor's lock-free single-producer, single-consumer ring ({@code Queues.get(capacity)}, an
 * {@code SpscArrayQueue}: what {@code publishOn} puts between two threads), used directly. The
 * producer fills a slot it has seen empty and moves its own index; the consumer empties a slot it
 * has seen full and moves its own index; every write is a release store ({@code lazySet}) the other
 * side reads. No lock, no CAS, and the two indexes sit in cache lines of their own (Reactor pads
 * them with 132 bytes through its class hierarchy: the lab's {@link PaddedCounters} trick). A side that finds the
 * ring full (or empty) spins a little ({@code Thread.onSpinWait}) and then yields its core, instead
 * of parking — cheap while the other side keeps up, a wasted core when it does not (that is what
 * {@code publishOn} avoids by scheduling its drain only when there is demand and an item).
 *
 * <p>Correct only with exactly one producer thread and one consumer thread: a second producer
 * would race on the producer index.
 */
public final class RingHandoff implements Handoff {

    /** Spins before a waiting side yields its core (so one core still makes progress). */
    static final int SPINS_BEFORE_YIELD = 100;

    private final int capacity;

    public RingHandoff(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public Transfer transfer(long items) {
        Queue<Long> ring = Queues.<Long>get(capacity).get();
        return QueueTransfer.run("ring", items, item -> {
            for (int spins = 0; !ring.offer(item); spins++) {
                idle(spins);
            }
        }, () -> {
            Long item;
            for (int spins = 0; (item = ring.poll()) == null; spins++) {
                idle(spins);
            }
            return item;
        });
    }

    private static void idle(int spins) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("the other side of the ring failed");
        }
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }
}
