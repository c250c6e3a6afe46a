package labs.level03_message_passing.lab07_pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
 * or a stage throws, that thread interrupts every other pipeline thread. Each one leaves its loop on
 * {@code InterruptedException} quietly; only the first failure is recorded (an
 * {@link AtomicReference}), so the error is reported once. A torn-down flag is set before the
 * interrupts: a stage that turns the interrupt into an exception afterwards is not a failure (else a
 * run that reached its limit could throw "stage … failed … interrupted"). {@link #process} joins every thread
 * before it returns or throws.
 */
public final class ThreadPipeline implements Pipeline {

    private static final AtomicInteger RUNS = new AtomicInteger();
    /** End of stream; compared by identity. */
    private static final Long END = Long.valueOf(Long.MIN_VALUE + 7);

    private final String name;
    private final List<Stage> stages;
    private final int buffer;
    private final boolean virtual;

    public static ThreadPipeline platform(List<Stage> stages, int buffer) {
        return new ThreadPipeline("platform", stages, buffer, false);
    }

    public static ThreadPipeline virtual(List<Stage> stages, int buffer) {
        return new ThreadPipeline("virtual", stages, buffer, true);
    }

    private ThreadPipeline(String name, List<Stage> stages, int buffer, boolean virtual) {
        this.name = name;
        this.stages = Pipeline.checkStages(stages);
        this.buffer = Pipeline.checkBuffer(buffer);
        this.virtual = virtual;
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
        String prefix = "lab07-" + name + "-" + RUNS.incrementAndGet() + "-";
        ThreadFactory factory = virtual ? Thread.ofVirtual().factory() : Thread.ofPlatform().factory();
        List<BlockingQueue<Long>> queues = new ArrayList<>();
        for (int i = 0; i <= stages.size(); i++) {
            queues.add(new ArrayBlockingQueue<>(buffer));
        }
        List<Long> out = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        // Set before any interrupt: a stage may turn the interrupt into an exception (a blocking call
        // that fails when interrupted); after this, that exception is a consequence, not a failure.
        AtomicBoolean tornDown = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        Runnable tearDown = () -> {
            tornDown.set(true);
            threads.forEach(t -> {
                if (t != Thread.currentThread()) {
                    t.interrupt();
                }
            });
        };

        threads.add(named(factory, prefix + "source", () -> {
            BlockingQueue<Long> first = queues.getFirst();
            while (source.hasNext()) {
                first.put(source.next());
            }
            first.put(END);
        }, failure, tornDown, tearDown));
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            BlockingQueue<Long> in = queues.get(i);
            BlockingQueue<Long> next = queues.get(i + 1);
            threads.add(named(factory, prefix + stage.name(), () -> {
                while (true) {
                    Long item = in.take();
                    if (item == END) {
                        next.put(END);
                        return;
                    }
                    next.put(stage.apply(item));
                }
            }, failure, tornDown, tearDown));
        }
        threads.add(named(factory, prefix + "sink", () -> {
            BlockingQueue<Long> last = queues.getLast();
            while (out.size() < limit) {
                Long item = last.take();
                if (item == END) {
                    return;
                }
                out.add(item);
            }
            tearDown.run(); // downstream has all it wants: cancel everything upstream
        }, failure, tornDown, tearDown));

        threads.forEach(Thread::start);
        threads.forEach(ThreadPipeline::joinUninterruptibly);
        if (failure.get() != null) {
            throw failure.get();
        }
        return List.copyOf(out);
    }

    /** A pipeline thread: an interrupt means "torn down" and ends it quietly; a failure tears the rest down. */
    private static Thread named(ThreadFactory factory, String name, Body body, AtomicReference<RuntimeException> failure,
                                AtomicBoolean tornDown, Runnable tearDown) {
        Thread thread = factory.newThread(() -> {
            try {
                body.run();
            } catch (InterruptedException torn) {
                // another thread ended the run; it is the one that reports, if anything is to be reported
            } catch (RuntimeException | Error e) {
                if (tornDown.get()) {
                    // The run was already ended (limit reached, or another failure): an exception now
                    // is how this thread reacted to the interrupt; a run that reached its limit must not throw.
                    return;
                }
                RuntimeException reported = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                if (failure.compareAndSet(null, reported)) {
                    tearDown.run();
                }
            }
        });
        thread.setName(name);
        return thread;
    }

    @FunctionalInterface
    private interface Body {
        void run() throws InterruptedException;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
