package labs.level04_coordination.lab08_barrier;

import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import labs.support.marbles.Bindings;
import labs.support.marbles.MarbleBinding;
import labs.support.marbles.MarbleCase;
import labs.support.marbles.MarbleFile;
import labs.support.marbles.ReactorCase;
import labs.support.marbles.RxJavaCase;
import reactor.core.publisher.Mono;

/**
 * Binds {@code marbles/lab08_barrier.md}: every scenario there is the lab's reactive core,
 * {@link ReactorLockStep#phases(int, ReactorLockStep.Step)} and
 * {@link RxJavaLockStep#phases(int, RxJavaLockStep.Step)}, built with {@code given: timeout} and the
 * run's virtual-time scheduler for both the parties and the timer.
 *
 * <p>The parties are {@code given: parties = a b c}; what each does per phase is
 * {@code given: a = 2ms / 6ms} — phase by phase, separated by {@code /}: a time (it arrives after
 * working that long), {@code never} (it never arrives), {@code fails after 2ms}, or
 * {@code leaves after 1ms} (its step completes empty). Each party's line is a probe: the phase's
 * number, drawn when the party arrives. The output is each completed phase's number.
 */
@MarbleFile("lab08_barrier.md")
public final class BarrierMarbles implements MarbleBinding {

    /** The scenarios both libraries draw alike, in the file's order. */
    private static final List<String> BOTH = List.of(
            "a phase completes when its slowest party arrives",
            "a slow party sets the pace of every phase",
            "a party that never arrives: the timeout breaks the phase",
            "a failing party breaks the phase for every party");

    @Override
    public void bind(Bindings bindings) {
        bindings.bindEach(BOTH, BarrierMarbles::reactor, BarrierMarbles::rxJava);
        // RxJava has no empty Single: a step there cannot complete without a value (see the page's prose).
        bindings.bindReactorOnly("a party that leaves a zip fails the phase it left", BarrierMarbles::reactor);
    }

    private static reactor.core.publisher.Flux<String> reactor(ReactorCase run) {
        Plan plan = Plan.of(run);
        return new ReactorLockStep(plan.parties().size(), plan.timeout(), run.scheduler(), run.scheduler())
                .phases(plan.phases(), (party, phase) -> {
                    String name = plan.parties().get(party);
                    Step step = plan.step(run, name, phase);
                    Mono<Long> elapsed = Mono.delay(step.time(), run.scheduler());
                    return switch (step.kind()) {
                        case ARRIVES -> elapsed.map(tick -> name).doOnNext(v -> run.probe(name, String.valueOf(phase)));
                        case NEVER -> Mono.never();
                        case FAILS -> elapsed.then(Mono.error(failure(name)));
                        case LEAVES -> elapsed.then(Mono.empty());
                    };
                })
                .map(phase -> String.valueOf(phase.number()));
    }

    private static io.reactivex.rxjava3.core.Flowable<String> rxJava(RxJavaCase run) {
        Plan plan = Plan.of(run);
        return new RxJavaLockStep(plan.parties().size(), plan.timeout(), run.scheduler(), run.scheduler())
                .phases(plan.phases(), (party, phase) -> {
                    String name = plan.parties().get(party);
                    Step step = plan.step(run, name, phase);
                    Single<Long> elapsed = Single.timer(step.time().toMillis(), TimeUnit.MILLISECONDS, run.scheduler());
                    return switch (step.kind()) {
                        case ARRIVES -> elapsed.map(tick -> name).doOnSuccess(v -> run.probe(name, String.valueOf(phase)));
                        case NEVER -> Single.never();
                        case FAILS -> elapsed.flatMap(tick -> Single.error(failure(name)));
                        case LEAVES -> throw new IllegalStateException("a Single cannot leave without a value: bind this scenario with bindReactorOnly");
                    };
                })
                .map(phase -> String.valueOf(phase.number()));
    }

    private static IllegalStateException failure(String party) {
        return new IllegalStateException("party " + party + " failed");
    }

    /** What a party does in one phase. */
    private record Step(Kind kind, Duration time) {
        enum Kind { ARRIVES, NEVER, FAILS, LEAVES }

        static Step of(String text) {
            if (text.equals("never")) {
                return new Step(Kind.NEVER, Duration.ZERO);
            }
            for (Kind kind : List.of(Kind.FAILS, Kind.LEAVES)) {
                String prefix = kind.name().toLowerCase() + " after ";
                if (text.startsWith(prefix)) {
                    return new Step(kind, MarbleCase.duration(text.substring(prefix.length())));
                }
            }
            return new Step(Kind.ARRIVES, MarbleCase.duration(text));
        }
    }

    /** The scenario's parties, their phases and the phase timeout, read from {@code given:}. */
    private record Plan(List<String> parties, int phases, Duration timeout) {
        static Plan of(MarbleCase run) {
            List<String> parties = List.of(run.given("parties").trim().split("\\s+"));
            int phases = steps(run, parties.getFirst()).size();
            for (String party : parties) {
                if (steps(run, party).size() != phases) {
                    throw new IllegalStateException("given: every party needs " + phases + " phases, like " + parties.getFirst()
                            + " (" + party + " has " + steps(run, party).size() + ")");
                }
            }
            return new Plan(parties, phases, MarbleCase.duration(run.given("timeout")));
        }

        Step step(MarbleCase run, String party, int phase) {
            return Step.of(steps(run, party).get(phase));
        }

        private static List<String> steps(MarbleCase run, String party) {
            return Arrays.stream(run.given(party).split("/")).map(String::strip).toList();
        }
    }
}
