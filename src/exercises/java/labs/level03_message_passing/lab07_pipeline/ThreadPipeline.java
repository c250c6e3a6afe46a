package labs.level03_message_passing.lab07_pipeline;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import labs.support.Threads;

/**
 * YOUR imperative pipeline (lab07): a source thread, one thread per stage and a sink thread, joined
 * by bounded blocking queues of {@code buffer} items; the same code on platform threads
 * ({@link #platform}) and on virtual threads ({@link #virtual}). The contract is {@link Pipeline}'s
 * (and the lab's README); the lab's contract and teardown tests and the leak check run against it.
 *
 * <p>This is the part the reactive operators do for you — write it by hand:
 * <ul>
 *   <li>backpressure: a thread whose downstream queue is full waits; nothing else holds items;</li>
 *   <li>the end of the source travels through every queue (a marker every stage forwards);</li>
 *   <li>teardown: when the sink has {@code limit} items, or a thread fails, every other pipeline
 *       thread must stop — even one parked in a queue. Only the first failure is reported; what a
 *       thread throws because it was told to stop is a consequence, not a failure; an {@link Error}
 *       is never dropped and is rethrown as it is;</li>
 *   <li>an interrupted caller ends the run the same way, and keeps its interrupt flag;</li>
 *   <li>{@code process} waits for the run for as long as it takes, then for the threads (make them
 *       with {@link StageThreads}; {@link StageThreads#endRun} waits, bounded, and rethrows the run's
 *       failure as it is).</li>
 * </ul>
 */
public final class ThreadPipeline implements Pipeline {

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
        throw new UnsupportedOperationException("TODO(lab07): check the arguments, start a source thread, a thread per stage and a sink "
                + "thread joined by bounded queues, tear everything down at the limit or the first failure, wait for the threads, "
                + "then return the outputs or throw that first failure");
    }
}
