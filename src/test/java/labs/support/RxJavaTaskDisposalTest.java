package labs.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.internal.schedulers.RxThreadFactory;
import io.reactivex.rxjava3.internal.schedulers.SingleScheduler;
import java.lang.reflect.Field;
import java.util.AbstractCollection;
import java.util.Collections;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Disposing an RxJava task on one of its non-blocking threads may park briefly on the executor's
 * queue lock; BlockHound must let it (as Reactor's integration does for Reactor's tasks), or a
 * {@code flatMap} cancelling its siblings breaks mid-error and hangs (found at 16 reported
 * processors on 2 cores). This stages the contention instead of hoping for it:
 * <ol>
 *   <li>a task on an {@code RxSingleScheduler-…} thread (marked non-blocking) spins until
 *   <li>a plain thread holds the executor queue's lock: {@code drainTo} into a collection whose
 *       {@code add} waits on a latch — with the lock held;</li>
 *   <li>then the task disposes another, delayed task: cancel → remove → the lock → park;</li>
 *   <li>once the task's thread is seen parked, the latch opens and both go on.</li>
 * </ol>
 * Without the allowance in {@link RxJavaBlockHoundIntegration} the dispose throws
 * {@code BlockingOperationError}; with it, it waits its turn and returns.
 */
class RxJavaTaskDisposalTest {

    @Test
    void disposingATaskWhileItsExecutorQueueIsLockedIsNotABlockingErrorOnANonBlockingThread() throws Exception {
        SingleScheduler scheduler = new SingleScheduler(new RxThreadFactory("RxSingleScheduler-staged", Thread.NORM_PRIORITY, true));
        try {
            ScheduledThreadPoolExecutor executor = executorOf(scheduler);
            Disposable delayed = scheduler.scheduleDirect(() -> { }, 1, TimeUnit.HOURS);
            AtomicReference<Thread> disposer = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch disposed = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicBoolean lockHeld = new java.util.concurrent.atomic.AtomicBoolean();

            scheduler.scheduleDirect(() -> {
                disposer.set(Thread.currentThread());
                while (!lockHeld.get()) {
                    // a bare spin: this thread may not park (BlockHound), and it must stay busy so the
                    // task below waits, expired, in the queue for the lock holder to drain
                }
                try {
                    delayed.dispose();
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    disposed.countDown();
                }
            });
            Watch.until("the disposing task runs", () -> disposer.get() != null);
            scheduler.scheduleDirect(() -> { }); // expired at once, queued behind the busy thread

            CountDownLatch release = new CountDownLatch(1);
            Staged<Boolean> holder = Staged.run("holds-the-queue-lock", () -> executor.getQueue().drainTo(new AbstractCollection<Runnable>() {
                @Override
                public boolean add(Runnable task) {
                    lockHeld.set(true); // drainTo holds the queue's lock while it adds
                    try {
                        Watch.await("the disposer parks on the queue lock", release);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return true;
                }

                @Override
                public Iterator<Runnable> iterator() {
                    return Collections.emptyIterator();
                }

                @Override
                public int size() {
                    return 0;
                }
            }));
            Watch.until("the disposer parks on the held lock (or fails)", () -> Watch.isParked(disposer.get()) || disposed.getCount() == 0);
            release.countDown();
            assertThat(holder.join().succeeded()).isTrue();
            Watch.await("the dispose returns", disposed);

            assertThat(failure.get()).as("what disposing threw on the non-blocking thread").isNull();
            assertThat(delayed.isDisposed()).isTrue();
        } finally {
            scheduler.shutdown();
        }
    }

    private static ScheduledThreadPoolExecutor executorOf(SingleScheduler scheduler) throws ReflectiveOperationException {
        Field field = SingleScheduler.class.getDeclaredField("executor");
        field.setAccessible(true);
        @SuppressWarnings("unchecked")
        AtomicReference<Object> executor = (AtomicReference<Object>) field.get(scheduler);
        return (ScheduledThreadPoolExecutor) executor.get();
    }
}
