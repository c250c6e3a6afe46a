package labs.level04_coordination.lab08_barrier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import labs.support.Threads;

/**
 * One run of the thread-based barriers: a thread per party running that party's loop (its phases,
 * its waits at the barrier), and the one rule for how the run ends. {@link CyclicBarrierParties}
 * and {@link PhaserParties} differ only in their loop; this is what they share.
 *
 * <ul>
 *   <li>The first failure is the run's ({@link #fail}): a {@link BarrierBrokenException} a loop
 *       threw, an {@link Error}, or a {@link BarrierClosedException} from {@code close()}. It
 *       releases every other party at once: first the barrier's own way (a {@code CyclicBarrier}
 *       is reset, a {@code Phaser} terminated), then an interrupt for each party thread still in its loop.</li>
 *   <li>Whatever a party threw after that (a {@code BrokenBarrierException}, an interrupt, a
 *       second failure) is how it learned: it is attached to the first failure as suppressed.</li>
 *   <li>The caller waits until every party has ended or the first failure is in; then, bounded,
 *       for every party thread to end ({@link Threads#awaitEnd}) — a party that ignores its
 *       interrupt is named in the failure, never waited on for ever.</li>
 * </ul>
 *
 * <p>Why a loop checks {@link #failed()} before it works and before it waits: the interrupt that
 * {@code fail} sends may reach a party whose work swallows it; the check after the work then sees
 * the failure (it was recorded before the interrupt was sent), so no party goes on to wait at a
 * barrier nobody else will reach.
 */
final class PartyThreads {

    /**
     * A party's whole life in a run: it returns when it is done, and throws what ended it early. It
     * is given the run, to check {@link #failed()} before it works and before it waits.
     */
    @FunctionalInterface
    interface Loop {
        void run(PartyThreads run, int party) throws Exception;
    }

    private final String owner;
    private final Runnable release;
    private final AtomicReferenceArray<Thread> inLoop;
    private final AtomicReference<Throwable> first = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Throwable> learned = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running;
    /** Opens when every party has ended, or at the first failure. */
    private final CountDownLatch settled = new CountDownLatch(1);

    /**
     * @param owner   who runs it, for messages ({@code "lab08 'cyclic-platform' barrier"})
     * @param parties how many party threads
     * @param release how the barrier releases its waiters at the first failure ({@code barrier::reset},
     *                {@code phaser::forceTermination}); it runs before the interrupts, so a party
     *                waiting at the barrier learns of the failure from the barrier, deterministically
     */
    PartyThreads(String owner, int parties, Runnable release) {
        this.owner = owner;
        this.release = release;
        this.inLoop = new AtomicReferenceArray<>(parties);
        this.running = new AtomicInteger(parties);
    }

    /**
     * A party's work for one phase, settled: its value, or a {@link PartyFailedException} for an
     * exception or a {@code null} (no value). An {@link Error} passes as it is.
     */
    static <T> T work(PartyWork<T> work, int party, int phase) {
        T value;
        try {
            value = work.work(party, phase);
        } catch (Exception e) {
            throw new PartyFailedException(party, phase, e);
        }
        if (value == null) {
            throw new PartyFailedException(party, phase, Barrier.noValue(party, phase));
        }
        return value;
    }

    boolean failed() {
        return first.get() != null;
    }

    /** Records the run's failure if it is the first, and releases every party; a later one is kept as suppressed. */
    void fail(Throwable failure) {
        if (!first.compareAndSet(null, failure)) {
            learned.add(failure);
            return;
        }
        settled.countDown();
        release.run();
        for (int party = 0; party < inLoop.length(); party++) {
            Thread thread = inLoop.get(party);
            if (thread != null && thread != Thread.currentThread()) {
                thread.interrupt();
            }
        }
    }

    /**
     * Starts one thread per party from {@code threads} running {@code loop}, waits as the class
     * comment says, and returns normally only if no party failed; otherwise throws the first failure.
     */
    void run(Thread.Builder threads, Loop loop) {
        List<Thread> started = new ArrayList<>(inLoop.length());
        for (int party = 0; party < inLoop.length(); party++) {
            int me = party;
            started.add(threads.start(() -> partyLife(me, loop)));
        }
        boolean interrupted = false;
        while (true) {
            try {
                settled.await();
                break;
            } catch (InterruptedException e) {
                // The caller was interrupted: the run cannot go on without it, so it ends here.
                interrupted = true;
                fail(new IllegalStateException(owner + ": interrupted while waiting for the parties", e));
            }
        }
        Threads.awaitEnd(owner, started, first.get());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable failure = first.get();
        if (failure == null && !learned.isEmpty()) {
            // Released, but by nothing: a bug in a party loop, reported as one.
            failure = new IllegalStateException(owner + ": a party was released with no failure to learn of", learned.poll());
        }
        if (failure == null) {
            return;
        }
        learned.forEach(failure::addSuppressed);
        switch (failure) {
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failure);
        }
    }

    private void partyLife(int party, Loop loop) {
        inLoop.set(party, Thread.currentThread());
        try {
            if (!failed()) { // a failure recorded before this party registered could not interrupt it
                loop.run(this, party);
            }
        } catch (BarrierBrokenException | BarrierClosedException | Error e) {
            fail(e);
        } catch (Exception e) {
            // Released by someone else's failure (a BrokenBarrierException, an interrupt, a
            // terminated Phaser): how this party learned — never the run's failure. It may come
            // before the failure itself: a CyclicBarrier waiter that times out breaks the barrier
            // first and throws after, so the others can be released before the cause is recorded.
            learned.add(e);
        } finally {
            inLoop.set(party, null);
            if (running.decrementAndGet() == 0) {
                settled.countDown();
            }
        }
    }
}
