package labs.level02_shared_state.lab04_bounded_buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.stream.LongStream;
import labs.support.Hint;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * Two threads move items in opposite directions between buffers A and B, lined up by A's lock:
 * the test holds it while thread 1 (A→B) queues for it, then while thread 2 (B→A) does, then lets
 * go. Thread 1 now holds A and goes for B; what thread 2 holds while it waits for A decides the
 * rest. Moving in argument order, it holds B: a cycle, which the JVM's own deadlock detector
 * ({@link ThreadMXBean#findDeadlockedThreads}, which sees ReentrantLocks) reports and an interrupt
 * breaks. In one global order it holds nothing: it waits for A like thread 1 did, and both finish.
 * The same staging for both; no pause point inside the code under test.
 */
class LockOrderDeadlockTest {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    interface Transfer {
        boolean move(TransferBuffer<String> from, TransferBuffer<String> to) throws InterruptedException;
    }

    /** A and B hold one item each; the moves are staged as the class comment says. */
    private record Moves(TransferBuffer<String> a, TransferBuffer<String> b, Staged<Boolean> aToB, Staged<Boolean> bToA) {

        static Moves start(Transfer transfer) {
            TransferBuffer<String> a = new TransferBuffer<>(2);
            TransferBuffer<String> b = new TransferBuffer<>(2);
            a.add("from-a");
            b.add("from-b");
            a.lock.lock();
            try {
                Staged<Boolean> aToB = Staged.start("move-a-to-b", () -> transfer.move(a, b));
                Watch.until("move-a-to-b queues for A", () -> a.lock.hasQueuedThread(aToB.thread()));
                Staged<Boolean> bToA = Staged.start("move-b-to-a", () -> transfer.move(b, a));
                Watch.until("move-b-to-a queues for A, behind move-a-to-b", () -> a.lock.hasQueuedThread(bToA.thread()));
                return new Moves(a, b, aToB, bToA);
            } finally {
                a.lock.unlock(); // move-a-to-b, first in A's queue, gets A
            }
        }
    }

    @Test
    @Hint("Two threads that take the same two locks in opposite orders can each hold the one the other waits for.")
    void oppositeTransfersEachHoldingTheirFirstLockDeadlockAndTheDetectorSeesIt() throws InterruptedException {
        Moves run = Moves.start(LockOrderDeadlock::transfer);

        Watch.until("the JVM reports both threads deadlocked", () -> deadlocked(run.aToB().thread(), run.bToA().thread()));

        run.aToB().thread().interrupt(); // breaking the cycle: move-a-to-b gives up A, move-b-to-a can finish
        assertThat(run.aToB().join().error()).as("how the interrupted move-a-to-b ended").isInstanceOf(InterruptedException.class);
        assertThat(run.bToA().join().value()).as("whether move-b-to-a moved its item").isTrue();
        assertThat(run.a().size() + run.b().size()).as("items in A and B together: none lost or duplicated").isEqualTo(2);
    }

    @Test
    @Hint("Take the two locks in one global order (each buffer's creation order), whichever way the item moves.")
    void withOneGlobalLockOrderTheSameOppositeTransfersBothComplete() throws InterruptedException {
        Moves run = Moves.start(OrderedTransfer::transfer);

        assertThat(run.aToB().join().value()).as("whether move-a-to-b moved its item").isTrue();
        assertThat(run.bToA().join().value()).as("whether move-b-to-a moved its item").isTrue();
        assertThat(run.a().size()).as("items in A after both moves").isEqualTo(1);
        assertThat(run.b().size()).as("items in B after both moves").isEqualTo(1);
    }

    private static boolean deadlocked(Thread... threads) {
        long[] ids = THREADS.findDeadlockedThreads();
        if (ids == null) {
            return false;
        }
        return Arrays.stream(threads).mapToLong(Thread::threadId).allMatch(id -> LongStream.of(ids).anyMatch(d -> d == id));
    }
}
