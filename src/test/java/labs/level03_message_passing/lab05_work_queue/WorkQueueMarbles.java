package labs.level03_message_passing.lab05_work_queue;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.util.List;
import java.util.concurrent.TimeUnit;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab05_work_queue.md} to the lab's reactive core: every scenario builds a
 * {@link ReactorWorkQueue} (and an {@link RxJavaWorkQueue}) with {@code given: workers, capacity}
 * and the run's virtual-time scheduler, and draws its {@code results()}. Meanwhile the diagram's
 * producer submits each job of the {@code jobs} line as it comes (a refusal is probed on
 * {@code refused}); {@code |} on {@code jobs} is the producer's "no more work": it drains the queue
 * (the reactive poison pill). In the stop scenario the producer submits until the {@code stop} line
 * fires, which calls {@code stop()}; the jobs it hands back are probed on {@code notRun}.
 *
 * <p>A job's work is timed in virtual time: the legend says how long it works ({@code 0 = 10ms}),
 * or that it throws an exception ({@code throws after 10ms}: a failed result, drawn {@code F}) or an
 * {@link Error} ({@code an Error after 10ms}: not a result, it ends the stream). The {@code started}
 * line is probed when a worker starts a job. Cancelling the output cancels {@code results()}, which
 * abandons the queue: nothing starts after it.
 */
@MarbleFile("lab05_work_queue.md")
public final class WorkQueueMarbles implements MarbleBinding {

    /** The scenarios whose producer drains the queue at its {@code |}, in the file's order. */
    private static final List<String> DRAINED = List.of(
            "two workers drain the queue and complete after the last job",
            "a producer that never completes keeps the workers subscribed",
            "a failing job is a value, not an error",
            "a job's Error is not a result: it ends the stream",
            "slow workers fill the queue and the producer is refused",
            "an unbounded buffer in front of the workers lets the producer run ahead");

    private static final String STOP_NOW = "stop now: the running jobs finish and no other starts";

    @Override
    public void bind(Bindings bindings) {
        bindings.bindEach(DRAINED, WorkQueueMarbles::drained, WorkQueueMarbles::drained);
        bindings.bind(STOP_NOW, WorkQueueMarbles::stopped, WorkQueueMarbles::stopped);
    }

    /** Reactor: results, while the producer submits {@code jobs} and drains at its end. */
    private static Flux<String> drained(ReactorCase run) {
        return Flux.defer(() -> {
            ReactorWorkQueue queue = reactorQueue(run);
            // The report is the shutdown's; the output is results(), which also carries any failure.
            Mono<Void> producer = run.flux("jobs").doOnNext(job -> submit(run, queue, job)).then(queue.drain().then().onErrorComplete());
            return Flux.merge(queue.results().map(WorkQueueMarbles::drawn), producer.then(Mono.<String>empty()));
        });
    }

    private static Flowable<String> drained(RxJavaCase run) {
        return Flowable.defer(() -> {
            RxJavaWorkQueue queue = rxJavaQueue(run);
            Completable producer = run.flowable("jobs").doOnNext(job -> submit(run, queue, job)).ignoreElements()
                    .andThen(queue.drain().ignoreElement().onErrorComplete());
            return queue.results().map(WorkQueueMarbles::drawn).mergeWith(producer);
        });
    }

    /** Reactor: results, while the producer submits until {@code stop} fires and calls {@code stop()}. */
    private static Flux<String> stopped(ReactorCase run) {
        return Flux.defer(() -> {
            ReactorWorkQueue queue = reactorQueue(run);
            Mono<Void> producer = run.flux("jobs").takeUntilOther(run.flux("stop")).doOnNext(job -> submit(run, queue, job)).then();
            Mono<Void> stopper = run.flux("stop").next().flatMap(signal -> queue.stop())
                    .doOnNext(report -> report.notRun().forEach(job -> run.probe("notRun", job.id())))
                    .then().onErrorComplete();
            return Flux.merge(queue.results().map(WorkQueueMarbles::drawn), producer.then(Mono.<String>empty()), stopper.then(Mono.<String>empty()));
        });
    }

    private static Flowable<String> stopped(RxJavaCase run) {
        return Flowable.defer(() -> {
            RxJavaWorkQueue queue = rxJavaQueue(run);
            Completable producer = run.flowable("jobs").takeUntil(run.flowable("stop")).doOnNext(job -> submit(run, queue, job)).ignoreElements();
            Completable stopper = run.flowable("stop").firstOrError().flatMap(signal -> queue.stop())
                    .doOnSuccess(report -> report.notRun().forEach(job -> run.probe("notRun", job.id())))
                    .ignoreElement().onErrorComplete();
            return queue.results().map(WorkQueueMarbles::drawn).mergeWith(producer).mergeWith(stopper);
        });
    }

    private static ReactorWorkQueue reactorQueue(ReactorCase run) {
        return ReactorWorkQueue.create(run.givenInt("workers"), run.givenInt("capacity"), run.scheduler(), job -> Mono.defer(() -> {
            run.probe("started", job.id());
            MarbleCase.TimedWork work = run.work(String.valueOf(job.id()));
            Throwable ending = ending(work, job);
            Mono<Long> elapsed = Mono.delay(work.time(), run.scheduler());
            return ending == null ? elapsed.then(Mono.fromCallable(job.body())) : elapsed.then(Mono.error(ending));
        }));
    }

    private static RxJavaWorkQueue rxJavaQueue(RxJavaCase run) {
        return RxJavaWorkQueue.create(run.givenInt("workers"), run.givenInt("capacity"), run.scheduler(), job -> Single.defer(() -> {
            run.probe("started", job.id());
            MarbleCase.TimedWork work = run.work(String.valueOf(job.id()));
            Throwable ending = ending(work, job);
            Single<Long> elapsed = Single.timer(work.time().toMillis(), TimeUnit.MILLISECONDS, run.scheduler());
            return ending == null ? elapsed.flatMap(tick -> Single.fromCallable(job.body())) : elapsed.flatMap(tick -> Single.<Long>error(ending));
        }));
    }

    /** The producer's submit: the job's digit is its id (and its value); a refusal is drawn on {@code refused}. */
    private static void submit(MarbleCase run, WorkQueue queue, String digit) {
        int id = Integer.parseInt(digit);
        if (!queue.submit(new Job(id, () -> (long) id))) {
            run.probe("refused", id);
        }
    }

    /** A result as the diagram draws it: the job's digit when it succeeded, {@code F} when it failed. */
    private static String drawn(JobResult result) {
        return result.succeeded() ? String.valueOf(result.result().value()) : "F";
    }

    /** How the legend says a job ends: {@code 10ms} succeeds, {@code throws after 10ms}, {@code an Error after 10ms}. */
    private static Throwable ending(MarbleCase.TimedWork work, Job job) {
        String breaks = "job " + job.id() + " breaks";
        if (work.endsWith("throws")) {
            return new IllegalStateException(breaks);
        }
        if (work.endsWith("an Error")) {
            return new JobError(breaks);
        }
        return null;
    }

    /** An Error of the diagram's own: no library treats it as fatal, so it travels as a signal. */
    private static final class JobError extends Error {
        JobError(String message) {
            super(message);
        }
    }
}
