package labs.level03_message_passing.lab07_pipeline;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;
import labs.support.Threads;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * YOUR Reactor pipeline (lab07). The contract is {@link Pipeline}'s (and the lab's README); the lab's
 * contract and teardown tests, its virtual-time tests, its marble diagrams, BlockHound and the leak
 * check all run against this class.
 *
 * <p>Build the reactive core first, {@link #assemble(Flux, List, long, BiFunction)}: the tests and the
 * diagrams drive it on a virtual clock with timed work. Then the blocking edge, {@link #process},
 * over it.
 *
 * <p>What to watch:
 * <ul>
 *   <li>a stage runs on the scheduler given for it, behind an async boundary that holds at most
 *       {@code buffer} items; it works on one item at a time and asks for the next only once it has
 *       passed this one on — so items in flight stay within {@link #inFlightBound()} however slow a
 *       stage is;</li>
 *   <li>outputs in source order; after {@code limit} of them upstream is cancelled, back to the source;</li>
 *   <li>the first error cancels everything, and must not wait behind the items already buffered
 *       after the failing stage;</li>
 *   <li>{@code process}: one thread per stage that BlockHound watches (make them with
 *       {@link StageThreads}, kind {@code NON_BLOCKING}), block once on the caller's thread, then tell
 *       the threads to stop and end the run with {@link StageThreads#endRun}, which waits for them and
 *       rethrows the run's failure as it is — an {@link Error} too.</li>
 * </ul>
 * Write the javadoc's <b>Scheduler:</b> and <b>Backpressure:</b> paragraphs once it works.
 */
public final class ReactorPipeline implements Pipeline {

    private final List<Stage> stages;
    private final int buffer;
    private final Duration threadsEndWithin;

    public ReactorPipeline(List<Stage> stages, int buffer) {
        this(stages, buffer, Threads.END_WITHIN);
    }

    public ReactorPipeline(List<Stage> stages, int buffer, Duration threadsEndWithin) {
        this.stages = Pipeline.checkStages(stages);
        this.buffer = Pipeline.checkBuffer(buffer);
        this.threadsEndWithin = Pipeline.checkThreadsEndWithin(threadsEndWithin);
    }

    @Override
    public String name() {
        return "reactor";
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
     * item at a time, outputs in source order, at most {@code limit} of them. {@code work} says how a
     * stage's work on one item becomes a {@code Mono}; it runs the stage through {@link Stage#apply},
     * so a failure is a {@link StageFailedException} naming the stage and the item. The first error
     * cancels the source and every stage. Bad arguments fail at once, in one line
     * ({@link Pipeline#checkStageSchedulers}, {@link Pipeline#checkLimit}).
     */
    public Flux<Long> assemble(Flux<Long> source, List<Scheduler> stageSchedulers, long limit,
                               BiFunction<Stage, Long, Mono<Long>> work) {
        throw new UnsupportedOperationException("TODO(lab07): put each stage behind an async boundary on its own scheduler, "
                + "holding at most 'buffer' items, let it work on one item at a time through 'work', and stop after 'limit' outputs");
    }

    /** The core as {@link #process} runs it: each stage run inline, on the thread of its boundary. */
    public Flux<Long> assemble(Flux<Long> source, List<Scheduler> stageSchedulers, long limit) {
        throw new UnsupportedOperationException("TODO(lab07): the core above, with work that runs the stage inline (Stage.apply)");
    }

    /** The blocking edge: blocks the calling thread — only ever outside the reactive world. */
    @Override
    public List<Long> process(Iterator<Long> source, long limit) {
        throw new UnsupportedOperationException("TODO(lab07): check the arguments, make one non-blocking thread per stage, "
                + "run the core over the source and block for its outputs, then stop the threads and end the run (StageThreads.endRun)");
    }
}
