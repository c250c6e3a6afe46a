package labs.level03_message_passing.lab07_pipeline;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.functions.BiFunction;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import labs.support.Threads;

/**
 * YOUR RxJava 3 pipeline (lab07), the twin of the Reactor one. The contract is {@link Pipeline}'s
 * (and the lab's README); the lab's contract and teardown tests, its virtual-time tests (on a
 * {@code TestScheduler}), its marble diagrams and the leak check all run against this class.
 *
 * <p>Build the reactive core first, {@link #assemble(Flowable, List, long, BiFunction)}; then the
 * blocking edge, {@link #process}, over it.
 *
 * <p>What to watch:
 * <ul>
 *   <li>a stage runs on the scheduler given for it, behind an async boundary that requests at most
 *       {@code buffer} items; it works on one item at a time and asks for the next only once it has
 *       passed this one on — so items in flight stay within {@link #inFlightBound()};</li>
 *   <li>outputs in source order; after {@code limit} of them upstream is cancelled, back to the source;</li>
 *   <li>the first error cancels everything, and must not wait behind the items already buffered
 *       after the failing stage (RxJava's boundaries delay errors unless told not to);</li>
 *   <li>{@code process}: one single-thread executor per stage, its threads made by
 *       {@link StageThreads} (kind {@code PLATFORM}); block once; then stop the executors and end the
 *       run with {@link StageThreads#endRun}. A blocking call interrupted by the caller's interrupt
 *       clears the interrupt flag: the caller is owed it back.</li>
 * </ul>
 * Write the javadoc's <b>Scheduler:</b> and <b>Backpressure:</b> paragraphs once it works.
 */
public final class RxJavaPipeline implements Pipeline {

    private final List<Stage> stages;
    private final int buffer;
    private final Duration threadsEndWithin;

    public RxJavaPipeline(List<Stage> stages, int buffer) {
        this(stages, buffer, Threads.END_WITHIN);
    }

    public RxJavaPipeline(List<Stage> stages, int buffer, Duration threadsEndWithin) {
        this.stages = Pipeline.checkStages(stages);
        this.buffer = Pipeline.checkBuffer(buffer);
        this.threadsEndWithin = Pipeline.checkThreadsEndWithin(threadsEndWithin);
    }

    @Override
    public String name() {
        return "rxjava";
    }

    @Override
    public List<Stage> stages() {
        return stages;
    }

    @Override
    public int buffer() {
        return buffer;
    }

    /**
     * The reactive core: every stage behind its own async boundary on {@code stageSchedulers[i]}, one
     * item at a time, outputs in source order, at most {@code limit} of them; {@code work} turns a
     * stage's work on one item into a {@code Single} (through {@link Stage#apply}). The first error
     * cancels the source and every stage. Bad arguments fail at once, in one line
     * ({@link Pipeline#checkStageSchedulers}, {@link Pipeline#checkLimit}).
     */
    public Flowable<Long> assemble(Flowable<Long> source, List<Scheduler> stageSchedulers, long limit,
                                   BiFunction<Stage, Long, Single<Long>> work) {
        throw new UnsupportedOperationException("TODO(lab07): put each stage behind an async boundary on its own scheduler, "
                + "requesting at most 'buffer' items, let it work on one item at a time through 'work', and stop after 'limit' outputs");
    }

    /** The core as {@link #process} runs it: each stage run inline, on the thread of its boundary. */
    public Flowable<Long> assemble(Flowable<Long> source, List<Scheduler> stageSchedulers, long limit) {
        throw new UnsupportedOperationException("TODO(lab07): the core above, with work that runs the stage inline (Stage.apply)");
    }

    /** The blocking edge. */
    @Override
    public List<Long> process(Iterator<Long> source, long limit) {
        throw new UnsupportedOperationException("TODO(lab07): check the arguments, make one single-thread executor per stage, "
                + "run the core over the source and block for its outputs, then stop the executors and end the run (StageThreads.endRun)");
    }
}
