package labs.level03_message_passing.lab07_pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import labs.support.Threads;

/**
 * Imperative: a source thread, one thread per stage and a sink thread, joined by
 * {@code ArrayBlockingQueue(buffer)}s. Same code on platform threads ({@link #platform}) and
 * virtual threads ({@link #virtual}).
 *
 * <p>Backpressure is the blocking queue itself: {@code put} parks a thread whose downstream queue
 * is full, so a slow stage stalls every thread before it, back to the source. End of stream is a
 * marker passed from queue to queue (a poison pill that every stage forwards).
 *
 * <p>Teardown — the part that reactive operators do for us: when the sink has {@code limit} items,
 * or a thread fails, that thread interrupts every other pipeline thread. Each one leaves its loop on
 * {@code InterruptedException} quietly; only the first failure is recorded, so it is reported once.
 * A torn-down flag is set before the interrupts: a stage that turns the interrupt into an exception
 * afterwards is not a failure (else a run that reached its limit could throw "stage … failed …
 * interrupted"). An {@link Error} is never such a consequence: it is kept and rethrown as it is.
 *
 * <p>{@link #process} waits for the run to end (the sink saw the end marker, or a teardown began) for
 * as long as the run takes, then for the threads to end for at most {@code threadsEndWithin}
 * ({@link StageThreads#endRun}). Interrupting the caller tears the run down, like a failure.
 */
public final class ThreadPipeline implements Pipeline {

    private static final AtomicInteger RUNS = new AtomicInteger();
    /** End of stream; compared by identity. */
    private static final Long END = Long.valueOf(Long.MIN_VALUE + 7);

    private final String name;
    private final List<Stage> stages;
    private final int buffer;
    private final boolean virtual;
    private final Duration threadsEndWithin;

    public static ThreadPipeline platform(List<Stage> stages, int buffer) {
        return platform(stages, buffer, Threads.END_WITHIN);
    }

    public static ThreadPipeline platform(List<Stage> stages, int buffer, Duration threadsEndWithin) {
        return new ThreadPipeline("platform", stages, buffer, false, threadsEndWithin);
    }

    public static ThreadPipeline virtual(List<Stage> stages, int buffer) {
        return virtual(stages, buffer, Threads.END_WITHIN);
    }

    public static ThreadPipeline virtual(List<Stage> stages, int buffer, Duration threadsEndWithin) {
        return new ThreadPipeline("virtual", stages, buffer, true, threadsEndWithin);
    }

    private ThreadPipeline(String name, List<Stage> stages, int buffer, boolean virtual, Duration threadsEndWithin) {
        this.name = name;
        this.stages = Pipeline.checkStages(stages);
        this.buffer = Pipeline.checkBuffer(buffer);
        this.virtual = virtual;
        this.threadsEndWithin = Pipeline.checkThreadsEndWithin(threadsEndWithin);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Stage> stages() {
        return stages;
    }

    @Override
    public int buffer() {
        return buffer;
    }

    @Override
    public List<Long> process(Iterator<Long> source, long limit) {
        Pipeline.checkRun(source, limit);
        StageThreads threads = new StageThreads("lab07-" + name + "-" + RUNS.incrementAndGet(),
                virtual ? StageThreads.Kind.VIRTUAL : StageThreads.Kind.PLATFORM);
        List<BlockingQueue<Long>> queues = new ArrayList<>();
        for (int i = 0; i <= stages.size(); i++) {
            queues.add(new ArrayBlockingQueue<>(buffer));
        }
        // Written by the sink thread alone, and read here only after it has ended (joined).
        List<Long> out = new ArrayList<>();
        Run run = new Run();

        run.add(threads, "source", () -> {
            BlockingQueue<Long> first = queues.getFirst();
            while (source.hasNext()) {
                first.put(source.next());
            }
            first.put(END);
        });
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            BlockingQueue<Long> in = queues.get(i);
            BlockingQueue<Long> next = queues.get(i + 1);
            run.add(threads, stage.name(), () -> {
                while (true) {
                    Long item = in.take();
                    if (item == END) {
                        next.put(END);
                        return;
                    }
                    next.put(stage.apply(item));
                }
            });
        }
        run.add(threads, "sink", () -> {
            BlockingQueue<Long> last = queues.getLast();
            while (out.size() < limit) {
                Long item = last.take();
                if (item == END) {
                    run.ended.countDown(); // every thread before it has forwarded the marker and is ending
                    return;
                }
                out.add(item);
            }
            run.tearDown(); // downstream has all it wants: cancel everything upstream
        });

        run.start();
        run.awaitEnded();
        threads.endRun(threadsEndWithin, run.failure::get);
        return List.copyOf(out);
    }

    /** One run's threads and how it ends: the first failure, the torn-down flag, the moment it ended. */
    private static final class Run {
        final List<Thread> threads = new ArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        // Set before any interrupt: a stage may turn the interrupt into an exception (a blocking call
        // that fails when interrupted); after this, that exception is a consequence, not a failure.
        final AtomicBoolean tornDown = new AtomicBoolean();
        /** Opens when the run is over: the sink saw the end, or a teardown began. */
        final CountDownLatch ended = new CountDownLatch(1);

        /** A pipeline thread: an interrupt means "torn down" and ends it quietly; a failure tears the rest down. */
        void add(StageThreads threads, String name, Body body) {
            this.threads.add(threads.named(name).newThread(() -> {
                try {
                    body.run();
                } catch (InterruptedException torn) {
                    // another thread ended the run; it is the one that reports, if anything is to be reported
                } catch (Exception e) {
                    // After the teardown began, an exception is how this thread reacted to the interrupt.
                    if (!tornDown.get()) {
                        fail(e);
                    }
                } catch (Error e) {
                    fail(e); // not the stage's failure: carried to the caller, rethrown there as it is
                }
            }));
        }

        void start() {
            threads.forEach(Thread::start);
        }

        private void fail(Throwable e) {
            if (failure.compareAndSet(null, e)) {
                tearDown();
            } else if (e instanceof Error) {
                failure.get().addSuppressed(e); // an Error is never dropped
            }
        }

        void tearDown() {
            tornDown.set(true);
            threads.forEach(t -> {
                if (t != Thread.currentThread()) {
                    t.interrupt();
                }
            });
            ended.countDown();
        }

        /**
         * For as long as the run takes (a long run is not a hang). An interrupted caller ends the
         * run: the interrupt becomes the run's failure (unless one came first) and tears it down; the
         * caller's interrupt flag is kept.
         */
        void awaitEnded() {
            try {
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure.compareAndSet(null, new IllegalStateException("interrupted while waiting for the pipeline", e))) {
                    tearDown();
                }
            }
        }
    }

    @FunctionalInterface
    private interface Body {
        void run() throws InterruptedException;
    }
}
