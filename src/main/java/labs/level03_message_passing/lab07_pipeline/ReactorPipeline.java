package labs.level03_message_passing.lab07_pipeline;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import labs.support.Threads;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor: {@code source.publishOn(s1, false, buffer).flatMap(stage1, 1).publishOn(s2, false, buffer)
 * .flatMap(stage2, 1)… .take(limit, true)}.
 *
 * <p>The reactive core is {@link #assemble(Flux, List, long, BiFunction)}: it takes the source, one
 * scheduler per stage and how a stage's work on an item becomes a {@code Mono}, and returns the
 * outputs. The blocking {@link #process} is a thin edge over it: one new thread per stage, the stage
 * run inline on it ({@code Mono.fromCallable}), {@code block()} on the caller's thread, then the
 * stage threads ended. The virtual-time tests and the marble diagrams drive the same core with
 * timed work ({@code Mono.delay} on a virtual-time scheduler).
 *
 * <p><b>Scheduler:</b> the ones given to {@link #assemble}; {@link #process} gives each stage its own
 * {@code Schedulers.newSingle} ({@code lab07-reactor-N-stage}): one thread per stage is what makes
 * the stages run at the same time (an async boundary), and a single thread per stage keeps its items
 * in order. They are non-blocking threads, as Reactor's own are: BlockHound rejects a stage that
 * blocks there. A stage that must block belongs on {@code boundedElastic()}, given to the core.
 *
 * <p><b>Backpressure:</b> {@code publishOn(scheduler, false, buffer)} requests {@code buffer} items
 * and replenishes 75% of that each time its thread has passed that many on, so each boundary holds
 * at most {@code buffer}; {@code flatMap(work, 1)} holds the one item its stage is working on and
 * asks for the next only once it has passed this one on. A slow stage leaves its boundary full, the
 * stage before it stops, and so on back to the source: at most stages × (buffer + 1) items are in
 * flight, within the contract's {@link #inFlightBound()}. {@code take(limit, true)} caps the request
 * at {@code limit} and cancels the whole chain once it has its items; so does the first error.
 *
 * <p>{@code delayError = false}: the three-argument {@code publishOn} is used because the two-argument
 * one delays errors: a mid-stage error then waits behind the items buffered after it. Here it
 * overtakes them, so the stages downstream are cancelled at once instead of finishing work whose
 * result nobody will get.
 */
public final class ReactorPipeline implements Pipeline {

    private static final AtomicInteger RUNS = new AtomicInteger();

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
     * cancels the source and every stage. Subscribe to start; cancel to stop.
     */
    public Flux<Long> assemble(Flux<Long> source, List<Scheduler> stageSchedulers, long limit,
                               BiFunction<Stage, Long, Mono<Long>> work) {
        Objects.requireNonNull(source, "source must not be null");
        Pipeline.checkStageSchedulers(stageSchedulers, stages);
        Objects.requireNonNull(work, "work must not be null");
        Pipeline.checkLimit(limit);
        Flux<Long> items = source;
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            items = items.publishOn(stageSchedulers.get(i), false, buffer)
                    .flatMap(item -> work.apply(stage, item), 1);
        }
        return items.take(limit, true);
    }

    /** The core as {@link #process} runs it: each stage inline on the thread of its boundary. */
    public Flux<Long> assemble(Flux<Long> source, List<Scheduler> stageSchedulers, long limit) {
        return assemble(source, stageSchedulers, limit, (stage, item) -> Mono.fromCallable(() -> stage.apply(item)));
    }

    /** The blocking edge: blocks the calling thread — only ever outside the reactive world. */
    @Override
    public List<Long> process(Iterator<Long> source, long limit) {
        Pipeline.checkRun(source, limit);
        StageThreads threads = new StageThreads("lab07-reactor-" + RUNS.incrementAndGet(), StageThreads.Kind.NON_BLOCKING);
        List<Scheduler> schedulers = stages.stream().map(stage -> Schedulers.newSingle(threads.named(stage.name()))).toList();
        Signal<List<Long>> outcome;
        try {
            // materialize(): the run's failure as a value, so it can be rethrown as it is after the threads have ended
            outcome = assemble(Flux.fromIterable(() -> source), schedulers, limit).collectList().materialize().block();
        } catch (RuntimeException interrupted) { // block() gives up when the caller is interrupted (the flag stays set)
            schedulers.forEach(Scheduler::dispose);
            threads.endRun(threadsEndWithin, () -> interrupted);
            throw interrupted;
        }
        schedulers.forEach(Scheduler::dispose); // asks each stage thread to stop (shutdownNow)...
        threads.endRun(threadsEndWithin, outcome::getThrowable); // ...waits for it, rethrows the failure
        return outcome.get();
    }
}
