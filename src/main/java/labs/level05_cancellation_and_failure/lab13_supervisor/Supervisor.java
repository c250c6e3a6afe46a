package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * The lab13 contract, met by every implementation and checked by one contract test. See the lab's
 * README.md for the spec.
 *
 * <ol>
 *   <li><b>Work.</b> {@link #run} starts every child that has inputs; each incarnation handles the
 *       child's remaining inputs in order. It returns when every child has handled (or moved aside)
 *       all its inputs, and the {@link Report} holds one output per handled input, in input order.</li>
 *   <li><b>What survives a restart.</b> Every (re)start asks the child's {@link Child.Starter} for a
 *       new {@link Worker}: nothing a worker kept survives. The supervisor keeps the outputs, the
 *       position (a handled input is never handled again), the crash count of the input at the
 *       position, and the restart history. An input in flight when its worker crashed or was stopped
 *       is handled again by the next incarnation.</li>
 *   <li><b>Backoff.</b> A crash (an {@link Exception} from the starter or the worker, or a null) is
 *       followed by a restart after {@link RestartPolicy#nextBackoff}{@code (k)}, where k counts the
 *       restart unit's crashes since its last handled input (0 for the first): exponential, capped,
 *       jittered. A handled input resets k.</li>
 *   <li><b>Strategy.</b> {@link Strategy#ONE_FOR_ONE}: the unit is the crashed child alone, its
 *       siblings are undisturbed. {@link Strategy#ONE_FOR_ALL}: the unit is every child; a crash stops
 *       the running siblings (their in-flight inputs are handled again) and restarts every child
 *       that has inputs left. A unit with no inputs left is done: it is not restarted.</li>
 *   <li><b>Poison.</b> An input that has crashed a worker {@code maxAttemptsPerInput} times is moved
 *       aside ({@link Report#movedAside}): never handled again; the child goes on with the next.</li>
 *   <li><b>Intensity.</b> A crash that would need more than {@code maxRestarts} restarts within
 *       {@code window} makes the supervisor give up: every child is stopped, nothing more starts or
 *       stays scheduled, and {@link #run} throws {@link EscalationException} — once — with the
 *       report so far and the last crash as its cause.</li>
 *   <li><b>An {@link Error} is not a crash.</b> It is not restarted: everything is stopped and
 *       {@link #run} rethrows it as it is.</li>
 *   <li><b>Cancellation.</b> Interrupting the thread blocked in {@link #run} stops every child
 *       (their workers are interrupted) and {@link #run} throws.</li>
 *   <li><b>Clean end.</b> When {@link #run} returns or throws, no thread it started is alive and
 *       nothing it scheduled is pending (the leak check verifies it after every test).</li>
 *   <li><b>Bad input</b> fails before anything starts, with one line: a policy out of range
 *       ({@link RestartPolicy}), null children, a null child, two children with one name, a child
 *       with a null name, inputs, input or starter ({@link Child}).</li>
 * </ol>
 */
public interface Supervisor {

    /** How a supervisor is made: the registry's factory type ({@code IMPLEMENTATIONS.create("reactor").create(policy, strategy)}). */
    @FunctionalInterface
    interface Factory {
        Supervisor create(RestartPolicy policy, Strategy strategy);
    }

    /**
     * Every implementation, by the name {@code --impl} takes; the contract test runs each of them.
     * The broken {@link NoBackoffSupervisor} is not here: it cannot keep clause 3.
     */
    Implementations<Factory> IMPLEMENTATIONS = Implementations.of("lab13",
            new Implementation<>("threads", "a supervisor thread (ScheduledExecutorService) deciding restarts; a platform thread per incarnation", ThreadSupervisor::new),
            new Implementation<>("reactor", "Flux.defer(incarnation).retryWhen(Retry.from(backoff, intensity)); merged per child, or around the merge for one-for-all", ReactorSupervisor::new),
            new Implementation<>("rxjava", "Flowable.defer(incarnation).retryWhen(errors -> timer(backoff) or give up); the same shape", RxJavaSupervisor::new));

    /** A short name, as used by {@code labs run lab13 --impl NAME}. */
    String name();

    RestartPolicy policy();

    Strategy strategy();

    /** Supervises {@code children} until each has handled all its inputs; throws {@link EscalationException} if it gives up. */
    Report run(List<Child> children);

    /** Bad input fails before anything starts, with a message that names the problem. */
    static List<Child> checkChildren(List<Child> children) {
        Objects.requireNonNull(children, "children must not be null");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < children.size(); i++) {
            Child child = children.get(i);
            if (child == null) {
                throw new NullPointerException("children[" + i + "] is null");
            }
            if (!names.add(child.name())) {
                throw new IllegalArgumentException("child name '" + child.name() + "' appears twice; names must be unique");
            }
        }
        return List.copyOf(children);
    }

    static RestartPolicy checkPolicy(RestartPolicy policy) {
        return Objects.requireNonNull(policy, "policy must not be null");
    }

    static Strategy checkStrategy(Strategy strategy) {
        return Objects.requireNonNull(strategy, "strategy must not be null");
    }

    /** Starts an incarnation of {@code child} on the calling thread: a null worker is a crash on start. */
    static Worker start(Child child) throws Exception {
        Worker worker = child.starter().start();
        if (worker == null) {
            throw new NullPointerException("child '" + child.name() + "': its starter returned null");
        }
        return worker;
    }

    /** Hands {@code input} to {@code worker} on the calling thread: a null output is a crash. */
    static String handle(Worker worker, String input) throws Exception {
        String output = worker.handle(input);
        if (output == null) {
            throw new NullPointerException("the worker returned null for '" + input + "'");
        }
        return output;
    }
}
