package labs.level05_cancellation_and_failure.lab13_supervisor;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Binds {@code marbles/lab13_supervisor.md}: every scenario there is the lab's reactive core,
 * {@link ReactorSupervisor#supervise(List, java.util.function.BiFunction)} and
 * {@link RxJavaSupervisor#supervise(List, io.reactivex.rxjava3.functions.BiFunction)}, built with
 * the diagram's policy and strategy and the run's virtual-time scheduler.
 *
 * <p>{@code given: children = x:ab y:cd} names the children and their inputs; the legend says how
 * long each input takes and how often it crashes a worker ({@code b = 3ms crashes once};
 * {@code crashes twice}, {@code crashes 3 times}, {@code crashes always}). A worker answers an input with the input's own letter, so the output line
 * shows each handled input when it was handled. The {@code starts} line is probed when a child's
 * starter is called (a start or a restart), the {@code aside} line when an input is moved aside.
 */
@MarbleFile("lab13_supervisor.md")
public final class SupervisorMarbles implements MarbleBinding {

    /** The scenarios, in the file's order; all run the same core, only the diagram differs. */
    private static final List<String> SCENARIOS = List.of(
            "restarts back off exponentially",
            "a handled input resets the backoff",
            "a poison input is moved aside",
            "the supervisor gives up after the intensity",
            "one-for-one leaves the siblings alone",
            "one-for-all restarts the siblings too");

    @Override
    public void bind(Bindings bindings) {
        bindings.bindEach(SCENARIOS, SupervisorMarbles::reactor, SupervisorMarbles::rxJava);
    }

    private static Flux<String> reactor(ReactorCase run) {
        Script script = new Script(run);
        return new ReactorSupervisor(script.policy(), script.strategy(), run.scheduler())
                .supervise(script.children(), (worker, input) -> Mono.delay(script.time(input), run.scheduler()).then(Mono.fromCallable(() -> worker.handle(input))))
                .doOnNext(script::probe)
                .ofType(Event.Handled.class)
                .map(Event.Handled::output);
    }

    private static Flowable<String> rxJava(RxJavaCase run) {
        Script script = new Script(run);
        return new RxJavaSupervisor(script.policy(), script.strategy(), run.scheduler())
                .supervise(script.children(), (worker, input) -> Single.timer(script.time(input).toMillis(), TimeUnit.MILLISECONDS, run.scheduler())
                        .map(tick -> worker.handle(input)))
                .doOnNext(script::probe)
                .ofType(Event.Handled.class)
                .map(Event.Handled::output);
    }

    /** One run's reading of the diagram: the policy, the children, and the crashes still to come (they outlive every worker). */
    private static final class Script {
        private final MarbleCase run;
        private final Map<String, Integer> crashesLeft = new HashMap<>();

        Script(MarbleCase run) {
            this.run = run;
        }

        RestartPolicy policy() {
            String[] intensity = run.given("intensity").split(" in ");
            return RestartPolicy.backoff(MarbleCase.duration(run.given("min")), MarbleCase.duration(run.given("max")))
                    .withIntensity(Integer.parseInt(intensity[0].strip()), MarbleCase.duration(intensity[1].strip()))
                    .withPoisonAfter(run.givenInt("poison"));
        }

        Strategy strategy() {
            return Strategy.valueOf(run.given("strategy").toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }

        /** {@code x:ab y:cd}: child x handles a then b, child y c then d. */
        List<Child> children() {
            List<Child> children = new ArrayList<>();
            for (String child : run.given("children").split(" ")) {
                String[] nameAndInputs = child.split(":");
                List<String> inputs = nameAndInputs[1].chars().mapToObj(c -> String.valueOf((char) c)).toList();
                children.add(new Child(nameAndInputs[0], inputs, () -> {
                    run.probe("starts", "s");
                    return this::handle;
                }));
            }
            return children;
        }

        /** How long the legend says {@code input} takes: its first word ({@code 3ms}). */
        Duration time(String input) {
            return MarbleCase.duration(run.value(input).split(" ")[0]);
        }

        private String handle(String input) {
            int left = crashesLeft.computeIfAbsent(input, this::crashes);
            if (left > 0) {
                crashesLeft.put(input, left == Integer.MAX_VALUE ? left : left - 1);
                throw new IllegalStateException(input + " crashes the worker");
            }
            return input;
        }

        /** The legend after the time: nothing, {@code crashes once}, {@code crashes twice}, {@code crashes 3 times}, {@code crashes always}. */
        private int crashes(String input) {
            String[] words = run.value(input).split(" ");
            if (words.length == 1) {
                return 0;
            }
            return switch (words[2]) {
                case "once" -> 1;
                case "twice" -> 2;
                case "always" -> Integer.MAX_VALUE;
                default -> Integer.parseInt(words[2]);
            };
        }

        void probe(Event event) {
            if (event instanceof Event.MovedAside aside) {
                run.probe("aside", aside.input());
            }
        }
    }
}
