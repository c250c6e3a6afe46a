package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Two threads move items in opposite directions between buffers A and B at the same moment. A
 * pause point between the first and the second lock lines them up: it lets a thread go on only
 * once the other holds its first lock too, or is queued for one (the only two ways the threads
 * can be placed). The JVM's own deadlock detector ({@link ThreadMXBean#findDeadlockedThreads},
 * which sees ReentrantLocks) is the watchdog; an interrupt breaks the cycle.
 */
class LockOrderDeadlockTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    interface Transfer {
        boolean move(LockConditionBuffer<String> from, LockConditionBuffer<String> to, Runnable betweenLocks)
                throws InterruptedException;
    }

    @Test
    void oppositeTransfersEachHoldingTheirFirstLockDeadlockAndTheDetectorSeesIt() throws InterruptedException {
        Staged run = Staged.start(LockOrderDeadlock::transfer);

        Watch.until("the JVM reports both threads deadlocked", () -> deadlocked(run.aToB, run.bToA));

        run.aToB.interrupt(); // breaking the cycle: aToB gives up A, bToA can finish
        Watch.joinBounded(run.aToB);
        Watch.joinBounded(run.bToA);
        assertThat(run.aToBOutcome.thrown()).isInstanceOf(InterruptedException.class);
        assertThat(run.bToAOutcome.value()).isTrue();
        assertThat(run.a.size() + run.b.size()).as("no item lost or duplicated").isEqualTo(2);
    }

    @Test
    void withOneGlobalLockOrderTheSameOppositeTransfersBothComplete() throws InterruptedException {
        Staged run = Staged.start(OrderedTransfer::transfer);

        Watch.joinBounded(run.aToB);
        Watch.joinBounded(run.bToA);
        assertThat(run.aToBOutcome.value()).isTrue();
        assertThat(run.bToAOutcome.value()).isTrue();
        assertThat(run.a.size()).isEqualTo(1);
        assertThat(run.b.size()).isEqualTo(1);
    }

    private static boolean deadlocked(Thread... threads) {
        long[] ids = THREADS.findDeadlockedThreads();
        if (ids == null) {
            return false;
        }
        return Arrays.stream(threads).mapToLong(Thread::threadId).allMatch(id -> LongStream.of(ids).anyMatch(d -> d == id));
    }

    /** A and B hold one item each; one thread moves A→B, the other B→A, lined up at the pause point. */
    private record Staged(LockConditionBuffer<String> a, LockConditionBuffer<String> b,
                          Thread aToB, Outcome<Boolean> aToBOutcome, Thread bToA, Outcome<Boolean> bToAOutcome) {

        static Staged start(Transfer transfer) throws InterruptedException {
            LockConditionBuffer<String> a = new LockConditionBuffer<>(2);
            LockConditionBuffer<String> b = new LockConditionBuffer<>(2);
            a.put("from-a");
            b.put("from-b");
            CountDownLatch holdingFirst = new CountDownLatch(2);
            CountDownLatch go = new CountDownLatch(1);
            Runnable pausePoint = () -> {
                holdingFirst.countDown();
                try {
                    go.await(Watch.BOUND.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            Outcome<Boolean> aToBOutcome = new Outcome<>();
            Outcome<Boolean> bToAOutcome = new Outcome<>();
            Thread aToB = Outcome.start("move-a-to-b", aToBOutcome, () -> transfer.move(a, b, pausePoint));
            Thread bToA = Outcome.start("move-b-to-a", bToAOutcome, () -> transfer.move(b, a, pausePoint));
            Watch.until("both hold their first lock, or one is queued behind the other", () ->
                    holdingFirst.getCount() == 0
                            || (holdingFirst.getCount() == 1 && (queuedOnEither(a, b, aToB) || queuedOnEither(a, b, bToA))));
            go.countDown();
            return new Staged(a, b, aToB, aToBOutcome, bToA, bToAOutcome);
        }

        private static boolean queuedOnEither(LockConditionBuffer<String> a, LockConditionBuffer<String> b, Thread t) {
            return a.lock().hasQueuedThread(t) || b.lock().hasQueuedThread(t);
        }
    }
}
