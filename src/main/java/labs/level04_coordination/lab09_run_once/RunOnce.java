package labs.level04_coordination.lab09_run_once;

import java.util.Objects;
import java.util.concurrent.Callable;
import labs.support.Implementation;
import labs.support.Implementations;
import labs.support.Result;

/**
 * The lab09 contract: a value made by an expensive initializer, exactly once, lazily, however many
 * threads ask for it first at the same moment. See the lab's README.md for the spec.
 *
 * <ol>
 *   <li><b>One value.</b> Every {@link #get} that returns a value returns the same instance.</li>
 *   <li><b>One run.</b> The initializer never runs twice at the same time, and never again once a run
 *       has returned a value. It runs again only after a run failed, and only where the
 *       implementation retries (clause 4).</li>
 *   <li><b>Lazy, and shared.</b> Nothing runs before the first {@code get}. A caller that arrives while
 *       a run is under way waits for that run and, when it succeeds, returns its value: it never starts
 *       a run of its own beside it.</li>
 *   <li><b>Failure.</b> An {@code Exception} from the initializer (or {@code null} returned by it)
 *       reaches the caller as a new {@link InitFailedException} per call, whose cause is what the
 *       initializer threw, never modified. What a later {@code get} does is the implementation's
 *       {@link AfterFailure} policy: {@code CACHED} — it fails with the same cause and runs nothing;
 *       {@code RETRIED} — it runs the initializer again. An {@code Error} goes up as it is.</li>
 *   <li><b>Safe publication.</b> A caller that gets the value sees everything the initializer wrote
 *       before returning it (no field of it still at its default).</li>
 * </ol>
 *
 * <p>Two lists, as in lab03. {@link #IMPLEMENTATIONS} keep every clause: the contract test and
 * Lincheck run each of them. {@link #LESSONS} break one clause on purpose, each one line away from a
 * variant that keeps it; their own tests (and jcstress) show how. The holder idiom
 * ({@link HolderIdiom}) is neither: it is the JVM's own run-once, one per class, so it cannot be made
 * per instance with any initializer, and stands alone with its own tests.
 */
public interface RunOnce<T> {

    /** The variants that keep the whole contract, by the name {@code --impl} takes. */
    Implementations<Variant> IMPLEMENTATIONS = Implementations.of("lab09",
            new Implementation<>("synchronized", "get() is synchronized: check, run, store inside the monitor",
                    new Variant(AfterFailure.RETRIED, RunsOn.CALLER, SynchronizedLazy::new)),
            new Implementation<>("double-checked", "a volatile field read without the lock; checked again inside it before the run",
                    new Variant(AfterFailure.RETRIED, RunsOn.CALLER, DoubleCheckedLazy::new)),
            new Implementation<>("reactor-cache", "Mono.fromCallable(init).subscribeOn(boundedElastic()).cache()",
                    new Variant(AfterFailure.CACHED, RunsOn.SCHEDULER, ReactorCachedLazy::new)),
            new Implementation<>("reactor-cache-ttl", "the same with cache(value -> forever, error -> Duration.ZERO, empty -> Duration.ZERO)",
                    new Variant(AfterFailure.RETRIED, RunsOn.SCHEDULER, ReactorRetryingLazy::new)),
            new Implementation<>("reactor-invalidate-if", "the same with cacheInvalidateIf(value -> false): values only, errors never cached",
                    new Variant(AfterFailure.RETRIED, RunsOn.SCHEDULER, ReactorInvalidatingLazy::new)),
            new Implementation<>("rxjava-cache", "Single.fromCallable(init).subscribeOn(io()).cache()",
                    new Variant(AfterFailure.CACHED, RunsOn.SCHEDULER, RxJavaCachedLazy::new)));

    /** The variants kept as lessons, each with the clause it breaks. */
    Implementations<Lesson> LESSONS = Implementations.of("lab09",
            new Implementation<>("racy", "synchronized minus the word: check-then-act on a plain field; racers each run init() and the last write wins",
                    new Lesson(Clause.ONE_VALUE, RacyLazy::new)),
            new Implementation<>("double-checked-without-volatile", "double-checked locking on a plain field: a reader may see a half-built value",
                    new Lesson(Clause.SAFE_PUBLICATION, UnsafeDoubleCheckedLazy::new)),
            new Implementation<>("cas", "no lock: every racer runs init(), compareAndSet(null, mine) publishes one, the losers close theirs",
                    new Lesson(Clause.ONE_RUN, CasLazy::new)));

    /**
     * The value: made by the first call, on whichever thread the implementation runs the
     * initializer; every later call returns it (see the class comment for failures).
     */
    T get();

    /** What the message of a {@code null} initializer says, wherever it is rejected. */
    String NULL_INITIALIZER = "initializer must not be null: pass the Callable that makes the value";

    /** The cause of the failure when an initializer returns {@code null}. */
    String NULL_VALUE = "the initializer returned null: a run-once value must be a value";

    /** Bad input fails before anything is built, with one line that names it. */
    static <T> Callable<T> checkInitializer(Callable<T> initializer) {
        return Objects.requireNonNull(initializer, NULL_INITIALIZER);
    }

    /**
     * Runs the initializer once, on the calling thread: its value, or a new
     * {@link InitFailedException} whose cause is what it threw (a {@link NullPointerException} when it
     * returned {@code null}). An {@code Error} goes up as it is. An initializer that stops because its
     * thread was interrupted has consumed the interrupt: it is set again, so the caller still sees it.
     */
    static <T> T initialize(Callable<T> initializer) {
        T value;
        try {
            value = initializer.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InitFailedException(e);
        } catch (Exception e) {
            throw new InitFailedException(e);
        }
        if (value == null) {
            throw new InitFailedException(new NullPointerException(NULL_VALUE));
        }
        return value;
    }

    /**
     * The initializer as the reactive cores run it: the same call, with {@code null} turned into the
     * {@link NullPointerException} {@link #initialize} reports (Reactor would make it an empty
     * {@code Mono}, RxJava an error with its own words), and nothing wrapped: the cores cache the
     * initializer's own exception, and their blocking edges wrap it once per call.
     */
    static <T> Callable<T> nonNull(Callable<T> initializer) {
        checkInitializer(initializer);
        return () -> {
            T value = initializer.call();
            if (value == null) {
                throw new NullPointerException(NULL_VALUE);
            }
            return value;
        };
    }

    /**
     * What a blocking edge returns for one settled wait: the value, or a new
     * {@link InitFailedException} around the initializer's exception (clause 4). An {@code Error} is
     * rethrown as it is: it is the JVM's or BlockHound's, not the initializer's failure.
     */
    static <T> T valueOf(Result<T> outcome) {
        return switch (outcome) {
            case Result.Success<T> success -> success.value();
            case Result.Failure<T> failure when failure.error() instanceof Error error -> throw error;
            case Result.Failure<T> failure -> throw new InitFailedException(failure.error());
        };
    }

    /** How an implementation is made from an initializer: a constructor reference, as a rule. */
    @FunctionalInterface
    interface Factory {
        <T> RunOnce<T> of(Callable<T> initializer);
    }

    /** After a run failed, what a later {@code get} does (clause 4). */
    enum AfterFailure {
        /** It fails again with the same cause; the initializer never runs again. */
        CACHED,
        /** It runs the initializer again. */
        RETRIED
    }

    /** Where the initializer runs: what interrupting the first caller does depends on it. */
    enum RunsOn {
        /** On the thread of the caller that found no value: interrupting that caller interrupts the run. */
        CALLER,
        /** On a scheduler's thread: the callers only wait for it, and an interrupted caller stops waiting. */
        SCHEDULER
    }

    /** An implementation of the whole contract: its documented behaviours, and how to make one. */
    record Variant(AfterFailure afterFailure, RunsOn runsOn, Factory make) {
        public Variant {
            Objects.requireNonNull(afterFailure, "afterFailure");
            Objects.requireNonNull(runsOn, "runsOn");
            Objects.requireNonNull(make, "make");
        }
    }

    /** A clause of the contract above, as a lesson breaks it. */
    enum Clause {
        ONE_VALUE("1 (one value)"),
        ONE_RUN("2 (one run)"),
        SAFE_PUBLICATION("5 (safe publication)");

        private final String label;

        Clause(String label) {
            this.label = label;
        }

        /** {@code "2 (one run)"}: the clause as the README numbers it. */
        public String label() {
            return label;
        }
    }

    /** A variant kept to show a failure: the clause it breaks, and how to make one. */
    record Lesson(Clause breaks, Factory make) {
        public Lesson {
            Objects.requireNonNull(breaks, "breaks");
            Objects.requireNonNull(make, "make");
        }
    }
}
