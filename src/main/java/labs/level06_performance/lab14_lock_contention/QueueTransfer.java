package labs.level06_performance.lab14_lock_contention;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two threads of a queue-based {@link Handoff}: a producer putting {@code 0 … items - 1} and a
 * consumer taking and checking them, let go at once by a latch. Whichever side fails first
 * interrupts the other, so a producer can never be left waiting on a full queue that nobody drains.
 */
final class QueueTransfer {

    /** Puts one item, waiting while the queue is full. */
    @FunctionalInterface
    interface Put {
        void put(long item) throws InterruptedException;
    }

    /** Takes one item, waiting while the queue is empty. */
    @FunctionalInterface
    interface Take {
        long take() throws InterruptedException;
    }

    private QueueTransfer() {
    }

    static Transfer run(String what, long items, Put put, Take take) {
        Handoff.checkItems(items);
        RunThreads threads = RunThreads.platform(what);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        long[] received = new long[1]; // written by the consumer, read after it has been joined
        long[] lastArrived = new long[1];
        Thread[] both = new Thread[2];
        both[0] = threads.named("producer").newThread(() -> {
            try {
                go.await();
                for (long i = 0; i < items; i++) {
                    put.put(i);
                }
            } catch (InterruptedException | RuntimeException | Error e) {
                fail(failure, e, both[1]);
            }
        });
        both[1] = threads.named("consumer").newThread(() -> {
            try {
                go.await();
                long n = 0;
                while (n < items) {
                    Handoff.checkNext(take.take(), n);
                    n++;
                }
                received[0] = n;
                lastArrived[0] = System.nanoTime();
            } catch (InterruptedException | RuntimeException | Error e) {
                fail(failure, e, both[0]);
            }
        });
        long start;
        try {
            both[0].start();
            both[1].start();
        } finally {
            start = System.nanoTime();
            go.countDown();
        }
        threads.end(failure::get);
        return new Transfer(received[0], Duration.ofNanos(Math.max(0, lastArrived[0] - start)));
    }

    /** The first failure is the run's (an Error is not data: {@link RunThreads#end} rethrows it); the other side is told to stop. */
    private static void fail(AtomicReference<Throwable> failure, Throwable e, Thread other) {
        if (failure.compareAndSet(null, e)) {
            other.interrupt();
        }
    }
}
