package labs.level05_cancellation_and_failure.lab13_supervisor;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import labs.support.Threads;

/**
 * Imperative: a supervisor thread — a single-threaded {@link ScheduledExecutorService} — and a
 * platform thread per incarnation.
 *
 * <p>Every decision is taken on the supervisor thread, one event at a time, so the supervisor's
 * state (each child's {@link Progress}, what runs, the intensity, the backoff counts) needs no lock:
 * an incarnation thread never touches it, it only posts what happened ({@code execute}). A crash is
 * answered there: a restart is {@code schedule}d after the backoff, or the supervisor gives up.
 * Stopping an incarnation (one-for-all, giving up) interrupts its thread and forgets it: what it
 * posts afterwards is ignored, and its in-flight input is handled again by the next incarnation. A
 * restart does not wait for a stopped sibling's thread to unwind (nor do the reactive versions);
 * {@link #run} waits for every thread before it returns.
 *
 * <p>The clock is injected ({@link InstantSource}) and so is the supervisor thread's executor, made
 * from the thread factory the run gives it: the tests pass a clock and an executor whose time only
 * moves when the test says, and read off the exact delay of every restart without sleeping.
 */
public final class ThreadSupervisor implements Supervisor {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final RestartPolicy policy;
    private final Strategy strategy;
    private final InstantSource clock;
    private final Function<ThreadFactory, ScheduledExecutorService> supervisorThread;

    public ThreadSupervisor(RestartPolicy policy, Strategy strategy) {
        this(policy, strategy, InstantSource.system(), Executors::newSingleThreadScheduledExecutor);
    }

    /**
     * @param clock            the supervisor's clock: event times and the intensity's window
     * @param supervisorThread makes the supervisor's executor from the factory of its one thread
     *                         (the run owns and ends it); it must run tasks one at a time, in order
     */
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

    /** Blocks until every child is done, or the supervisor gives up; an interrupt stops every child and throws. */
    @Override
    public Report run(List<Child> children) {
        return new Run(Supervisor.checkChildren(children)).await();
    }

    /** Children that are restarted together, and their crashes since the last handled input. */
    private static final class Unit {
        final List<Progress> members;
        int crashesInARow;

        Unit(List<Progress> members) {
            this.members = members;
        }

        boolean hasWork() {
            return members.stream().anyMatch(Progress::hasWork);
        }
    }

    /** One call of {@link #run}: its threads, and the state only its supervisor thread touches. */
    private final class Run {
        private final String name = "lab13-threads-" + RUNS.incrementAndGet();
        /** Every thread this run made (the supervisor's and each incarnation's): all have ended when run returns. */
        private final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
        private final CompletableFuture<Report> outcome = new CompletableFuture<>();
        private final ScheduledExecutorService supervisor;
        private final long origin = clock.millis();
        // Confined to the supervisor thread:
        private final List<Progress> children;
        private final Map<Progress, Unit> unitOf = new HashMap<>();
        private final Map<Progress, Incarnation> running = new HashMap<>();
        private final List<Event> events = new ArrayList<>();
        private final RestartIntensity intensity = new RestartIntensity(policy);
        private int pendingRestarts;
        private boolean over;

        Run(List<Child> checked) {
            children = Progress.of(checked, policy);
            if (strategy == Strategy.ONE_FOR_ALL) {
                Unit all = new Unit(children);
                children.forEach(child -> unitOf.put(child, all));
            } else {
                children.forEach(child -> unitOf.put(child, new Unit(List.of(child))));
            }
            supervisor = supervisorThread.apply(task -> tracked(Thread.ofPlatform().name(name + "-supervisor").unstarted(task)));
        }

        private Thread tracked(Thread thread) {
            threads.add(thread);
            return thread;
        }

        private long now() {
            return clock.millis() - origin;
        }

        /** On the caller's thread: start, wait for the outcome, end every thread, then return or throw. */
        Report await() {
            supervisor.execute(() -> start(children));
            Report report = null;
            Throwable failure = null;
            boolean interrupted = false;
            while (report == null && failure == null) {
                try {
                    report = outcome.get();
                } catch (ExecutionException e) {
                    failure = e.getCause();
                } catch (InterruptedException e) {
                    // Cancelled by our caller: stop every child, and still wait (now uninterruptibly) for that to land.
                    // (Not a CancellationException: CompletableFuture.get would throw that one bare.)
                    interrupted = true;
                    IllegalStateException cancelled = new IllegalStateException("interrupted while supervising: every child was stopped", e);
                    post(() -> end(cancelled));
                }
            }
            Threads.shutdownAndAwait(name, supervisor, true, failure); // drops the restarts still scheduled
            Threads.awaitEnd(name, threads, failure);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return switch (failure) {
                case null -> report;
                case RuntimeException e -> throw e;
                case Error e -> throw e; // as it is: a worker's Error is not a crash
                default -> throw new IllegalStateException(failure);
            };
        }

        /** From any thread: hands {@code task} to the supervisor thread; once the run has ended there is nobody to tell. */
        private void post(Runnable task) {
            try {
                supervisor.execute(task);
            } catch (RejectedExecutionException e) {
                // the run is over and its executor shut down: late news from a stopped incarnation
            }
        }

        // ---- everything below runs on the supervisor thread ----

        private void start(List<Progress> members) {
            if (over) {
                return;
            }
            for (Progress child : members) {
                if (child.hasWork() && !running.containsKey(child)) {
                    Incarnation incarnation = new Incarnation(child, child.startIncarnation(), child.remaining());
                    events.add(new Event.Started(child.name(), incarnation.number, now()));
                    running.put(child, incarnation);
                    Thread thread = tracked(Thread.ofPlatform().name(name + "-" + child.name() + "-" + incarnation.number).unstarted(incarnation));
                    incarnation.thread = thread;
                    thread.start();
                }
            }
            finishIfDone();
        }

        private boolean current(Incarnation incarnation) {
            return !over && running.get(incarnation.child) == incarnation;
        }

        private void handled(Incarnation incarnation, String input, String output) {
            if (current(incarnation)) {
                incarnation.child.handled(input);
                events.add(new Event.Handled(incarnation.child.name(), incarnation.number, input, output, now()));
                unitOf.get(incarnation.child).crashesInARow = 0; // a success: the next crash backs off from minBackoff again
            }
        }

        private void ended(Incarnation incarnation) {
            if (current(incarnation)) {
                running.remove(incarnation.child);
                finishIfDone();
            }
        }

        private void crashed(Incarnation incarnation, Optional<String> input, Exception cause) {
            if (!current(incarnation)) {
                return; // a stopped incarnation failing as it unwinds: not a crash of the child
            }
            Progress child = incarnation.child;
            running.remove(child);
            events.addAll(child.crashed(incarnation.number, input, cause, now()));
            Unit unit = unitOf.get(child);
            unit.members.forEach(sibling -> stop(running.remove(sibling))); // one-for-all: the siblings go too
            if (!unit.hasWork()) {
                finishIfDone(); // the poison was the last input: nothing to restart
                return;
            }
            switch (intensity.admit(now())) {
                case RESTART -> {
                    Duration backoff = policy.nextBackoff(unit.crashesInARow++);
                    pendingRestarts++;
                    supervisor.schedule(() -> {
                        pendingRestarts--;
                        start(unit.members);
                    }, backoff.toNanos(), TimeUnit.NANOSECONDS);
                }
                case GIVE_UP -> end(new EscalationException(policy, child.name(), cause, new Report(events)));
                case GAVE_UP_ALREADY -> throw new IllegalStateException("gave up twice on one supervisor thread"); // cannot happen: 'over' is set first
            }
        }

        private void fatal(Error error) {
            end(error); // not a crash: never restarted
        }

        private void finishIfDone() {
            if (!over && running.isEmpty() && pendingRestarts == 0) {
                over = true;
                outcome.complete(new Report(events));
            }
        }

        /** Gives up (or is cancelled, or hit an Error): every child stopped, nothing more starts, the caller learns it once. */
        private void end(Throwable failure) {
            if (over) {
                return;
            }
            over = true;
            List.copyOf(running.values()).forEach(this::stop);
            running.clear();
            outcome.completeExceptionally(failure);
        }

        private void stop(Incarnation incarnation) {
            if (incarnation != null) {
                incarnation.stopped = true;
                incarnation.thread.interrupt();
            }
        }

        /** One incarnation, on its own thread: a fresh worker, then the inputs it was given. */
        private final class Incarnation implements Runnable {
            final Progress child;
            final int number;
            final List<String> inputs;
            /** Set on the supervisor thread before this one starts. */
            Thread thread;
            volatile boolean stopped;

            Incarnation(Progress child, int number, List<String> inputs) {
                this.child = child;
                this.number = number;
                this.inputs = inputs;
            }

            @Override
            public void run() {
                String current = null;
                try {
                    Worker worker = Supervisor.start(child.child());
                    for (String input : inputs) {
                        if (stopped) {
                            return; // the supervisor has already forgotten this incarnation
                        }
                        current = input;
                        String output = Supervisor.handle(worker, input);
                        post(() -> handled(this, input, output));
                    }
                    post(() -> ended(this));
                } catch (Exception e) {
                    Optional<String> blamed = Optional.ofNullable(current);
                    post(() -> crashed(this, blamed, e));
                } catch (Error e) {
                    // Not a crash but the JVM's or a test's trouble: carried to the caller, who rethrows it as it is.
                    post(() -> fatal(e));
                }
            }
        }
    }
}
