package labs.level03_message_passing.lab05_work_queue;

import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.core.Flowable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab05_work_queue.md} to the lab's reactive shape: every scenario drains the
 * diagram's {@code jobs} line through {@link ReactorWorkQueue#workOff} / {@link RxJavaWorkQueue#workOff}
 * ({@code flatMap(worker, workers)} / {@code flatMapMaybe(worker, false, workers)}, the operator both
 * queues are built on) with {@code given: workers}. A job's work is timed in virtual time: the legend
 * says how long it works ({@code 0 = 10ms}) or when it throws ({@code 1 = throws after 10ms}); a
 * finished job emits its own digit. The {@code started} line is probed when a worker starts a job,
 * and the pacing scenario's {@code demand} line records each {@code request(n)} the workers send to {@code jobs}.
 */
public final class WorkQueueMarbles implements MarbleBinding {

    @Override
    public String file() {
        return "lab05_work_queue.md";
    }

    @Override
    public void bind(Bindings bindings) {
        for (String scenario : new String[] {
                "two workers drain the queue and complete after the last job",
                "a producer that never completes keeps the workers subscribed"}) {
            bindings.bind(scenario,
                    run -> ReactorWorkQueue.workOff(run.flux("jobs"), job -> work(run, job), run.givenInt("workers")),
                    run -> RxJavaWorkQueue.workOff(run.flowable("jobs"), job -> work(run, job).toMaybe(), run.givenInt("workers")));
        }
        // The same operator; the demand line records each request(n) the workers send to the jobs.
        bindings.bind("slow workers pace the producer",
                run -> ReactorWorkQueue.workOff(demand(run, run.flux("jobs")), job -> work(run, job), run.givenInt("workers")),
                run -> RxJavaWorkQueue.workOff(demand(run, run.flowable("jobs")), job -> work(run, job).toMaybe(), run.givenInt("workers")));
        // The wrong fix for slow workers: an unbounded buffer between the producer and workOff.
        bindings.bind("an unbounded buffer in front of the workers lets the producer run ahead",
                run -> ReactorWorkQueue.workOff(demand(run, run.flux("jobs")).onBackpressureBuffer(), job -> work(run, job), run.givenInt("workers")),
                run -> RxJavaWorkQueue.workOff(demand(run, run.flowable("jobs")).onBackpressureBuffer(), job -> work(run, job).toMaybe(), run.givenInt("workers")));
        // shutdownNow, reactive style (as the lab tests model it): the stop signal cancels the job
        // source (takeUntilOther / takeUntil); flatMap completes once the running jobs are done.
        bindings.bind("stop now: the running jobs finish and no other starts",
                run -> ReactorWorkQueue.workOff(run.flux("jobs").takeUntilOther(run.flux("stop")), job -> work(run, job), run.givenInt("workers")),
                run -> RxJavaWorkQueue.workOff(run.flowable("jobs").takeUntil(run.flowable("stop")), job -> work(run, job).toMaybe(), run.givenInt("workers")));
        // The lab's settle: a throwing job becomes a failed JobResult (drawn F), never an onError.
        bindings.bind("a failing job is a value, not an error",
                run -> ReactorWorkQueue.workOff(run.flux("jobs"), job -> ReactorWorkQueue.settle(Integer.parseInt(job), timed(run, job)), run.givenInt("workers"))
                        .map(WorkQueueMarbles::drawn),
                run -> RxJavaWorkQueue.workOff(run.flowable("jobs"), job -> RxJavaWorkQueue.settle(Integer.parseInt(job), timed(run, job)).toMaybe(), run.givenInt("workers"))
                        .map(WorkQueueMarbles::drawn));
        // The same failing job without settle: flatMap's fail-fast error cancels the sibling.
        bindings.bind("without settle, one failing job ends the stream",
                run -> ReactorWorkQueue.workOff(run.flux("jobs"), job -> timed(run, job), run.givenInt("workers")),
                run -> RxJavaWorkQueue.workOff(run.flowable("jobs"), job -> timed(run, job).toMaybe(), run.givenInt("workers")));
    }

    /**
     * {@code jobs}, each {@code request(n)} that reaches its live subscription recorded on {@code demand}.
     * A request sent after the subscription was cancelled or the source terminated is a no-op
     * (Reactive Streams §3.6) and is not drawn: both flatMaps request upstream right after calling
     * their subscriber's {@code onSubscribe}, even when it cancelled there, and RxJava's sends one more
     * {@code request(1)} to the already-completed source when a job finishes after it.
     */
    private static Flux<String> demand(ReactorCase run, Flux<String> jobs) {
        return Flux.defer(() -> {
            AtomicBoolean over = new AtomicBoolean();
            return jobs.doOnTerminate(() -> over.set(true))
                    .doOnRequest(n -> {
                        if (!over.get()) {
                            run.probe("demand", n);
                        }
                    })
                    .doOnCancel(() -> over.set(true));
        });
    }

    private static Flowable<String> demand(RxJavaCase run, Flowable<String> jobs) {
        return Flowable.defer(() -> {
            AtomicBoolean over = new AtomicBoolean();
            return jobs.doOnTerminate(() -> over.set(true))
                    .doOnRequest(n -> {
                        if (!over.get()) {
                            run.probe("demand", n);
                        }
                    })
                    .doOnCancel(() -> over.set(true));
        });
    }

    /** Reactor: {@code Mono.delay} on the virtual-time scheduler, then the job's digit. */
    private static Mono<String> work(ReactorCase run, String job) {
        return Mono.defer(() -> {
            probeStarted(run, job);
            return Mono.delay(Work.of(run, job).time(), run.scheduler()).thenReturn(job);
        });
    }

    /** RxJava: {@code Single.timer} on the {@code TestScheduler}, then the job's digit. */
    private static Single<String> work(RxJavaCase run, String job) {
        return Single.defer(() -> {
            probeStarted(run, job);
            return Single.timer(Work.of(run, job).time().toMillis(), TimeUnit.MILLISECONDS, run.scheduler()).map(tick -> job);
        });
    }

    /** A job's body as {@code settle} takes it: its id as a {@code Long} after its time, or the exception it throws. */
    private static Mono<Long> timed(ReactorCase run, String job) {
        return Mono.defer(() -> {
            probeStarted(run, job);
            Work work = Work.of(run, job);
            Mono<Long> elapsed = Mono.delay(work.time(), run.scheduler());
            return work.throwsIt() ? elapsed.then(Mono.error(failure(job))) : elapsed.thenReturn(Long.parseLong(job));
        });
    }

    private static Single<Long> timed(RxJavaCase run, String job) {
        return Single.defer(() -> {
            probeStarted(run, job);
            Work work = Work.of(run, job);
            Single<Long> elapsed = Single.timer(work.time().toMillis(), TimeUnit.MILLISECONDS, run.scheduler());
            return work.throwsIt() ? elapsed.flatMap(tick -> Single.<Long>error(failure(job))) : elapsed.map(tick -> Long.parseLong(job));
        });
    }

    private static void probeStarted(MarbleCase run, String job) {
        run.probe("started", job);
    }

    private static IllegalStateException failure(String job) {
        return new IllegalStateException("job " + job + " breaks");
    }

    /** A result as the diagram draws it: the job's digit when it succeeded, {@code F} when it failed. */
    private static String drawn(JobResult result) {
        return result.succeeded() ? String.valueOf(result.value()) : "F";
    }

    /** A legend entry: {@code 10ms} (works 10 ms, then succeeds) or {@code throws after 10ms}. */
    private record Work(Duration time, boolean throwsIt) {
        static final String THROWS = "throws after ";

        static Work of(MarbleCase run, String job) {
            String text = run.value(job);
            boolean throwsIt = text.startsWith(THROWS);
            return new Work(MarbleCase.duration(throwsIt ? text.substring(THROWS.length()) : text), throwsIt);
        }
    }
}
