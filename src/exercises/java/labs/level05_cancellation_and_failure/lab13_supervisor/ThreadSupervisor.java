package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * YOUR lab13 imperative supervisor. Write {@link #run}; the lab's tests
 * ({@code SupervisorContractTest} for {@code threads}, {@code ThreadSupervisorOnItsClockTest}) then
 * check it, under BlockHound and the leak check.
 *
 * <p>The contract is {@link Supervisor}'s. The shape to aim for:
 * <ul>
 *   <li>one supervisor thread: the {@code ScheduledExecutorService} that {@code supervisorThread}
 *       makes from a {@link ThreadFactory} you pass it (make every thread through a factory that
 *       remembers it, so you can wait for all of them at the end). Every decision is taken there,
 *       one event at a time, so the supervisor's state needs no lock;</li>
 *   <li>a platform thread per incarnation: a fresh worker from the child's starter, then the
 *       child's remaining inputs; it only tells the supervisor thread what happened
 *       ({@code execute}), it never touches the supervisor's state;</li>
 *   <li>a crash is answered on the supervisor thread: {@link RestartIntensity#admit} on the
 *       injected {@code clock}, then {@code schedule(restart, policy.nextBackoff(k))}, or give up:
 *       interrupt every incarnation, throw {@link EscalationException} from {@code run};</li>
 *   <li>one-for-all interrupts the running siblings and restarts them too;</li>
 *   <li>before {@code run} returns or throws, shut the executor down and wait (bounded) for every
 *       thread you made: {@code labs.support.Threads.shutdownAndAwait} and {@code awaitEnd};</li>
 *   <li>an interrupt of the caller of {@code run} stops every child, and {@code run} throws.</li>
 * </ul>
 * The package's {@code Progress} keeps a child's position and poison count; {@code Event}s make
 * the {@link Report}. Constructors start no thread.
 */
public final class ThreadSupervisor implements Supervisor {

    private final RestartPolicy policy;
    private final Strategy strategy;
    private final InstantSource clock;
    private final Function<ThreadFactory, ScheduledExecutorService> supervisorThread;

    public ThreadSupervisor(RestartPolicy policy, Strategy strategy) {
        this(policy, strategy, InstantSource.system(), Executors::newSingleThreadScheduledExecutor);
    }

    public ThreadSupervisor(RestartPolicy policy, Strategy strategy, InstantSource clock, Function<ThreadFactory, ScheduledExecutorService> supervisorThread) {
        this.policy = Supervisor.checkPolicy(policy);
        this.strategy = Supervisor.checkStrategy(strategy);
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.supervisorThread = Objects.requireNonNull(supervisorThread, "supervisorThread must not be null");
    }

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public RestartPolicy policy() {
        return policy;
    }

    @Override
    public Strategy strategy() {
        return strategy;
    }

    @Override
    public Report run(List<Child> children) {
        throw new UnsupportedOperationException("TODO(lab13): start a supervisor thread and a thread per incarnation; "
                + "answer each crash on the supervisor thread with a scheduled restart after the backoff, or give up");
    }
}
