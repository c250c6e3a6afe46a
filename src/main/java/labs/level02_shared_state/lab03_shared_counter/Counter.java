package labs.level02_shared_state.lab03_shared_counter;

import java.util.Objects;
import java.util.function.Supplier;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * The lab03 contract: a counter that many threads increment at once. See the lab's README.md.
 *
 * <ol>
 *   <li><b>No lost update.</b> After {@code n} calls to {@link #increment} have returned, on any
 *       threads, {@link #get} returns {@code n} once no increment is running.</li>
 *   <li><b>Linearizable.</b> {@link #get} never returns a value that no sequential order of the
 *       same calls could give: an increment that has returned is counted by every later
 *       {@code get}, on any thread (Lincheck checks this).</li>
 * </ol>
 *
 * <p>{@link #close} ends whatever the counter holds (the single-writer ones hold a subscription);
 * increments after it are not counted.
 *
 * <p>Two lists, one per kind of variant. {@link #IMPLEMENTATIONS} keep both clauses: the contract
 * tests and Lincheck run each of them. {@link #LESSONS} break one clause on purpose, each one line
 * away from a variant that keeps it; their own tests show how they break. {@code labs run lab03}
 * offers both.
 */
public interface Counter extends AutoCloseable {

    /** The variants that keep the whole contract, by the name {@code --impl} takes. */
    Implementations<Supplier<Counter>> IMPLEMENTATIONS = Implementations.of("lab03",
            new Implementation<>("synchronized", "count++ and the read inside the object's monitor", SynchronizedCounter::new),
            new Implementation<>("lock", "count++ and the read under a ReentrantLock, unlocked in finally", LockCounter::new),
            new Implementation<>("atomic", "AtomicLong.incrementAndGet: one hardware read-modify-write", AtomicCounter::new),
            new Implementation<>("adder", "LongAdder: contending threads add to separate cells; get() sums them", AdderCounter::new),
            new Implementation<>("reactor-single-writer", "increments as events into one Reactor sink (emitNext, FAIL_NON_SERIALIZED retried), folded by scan",
                    () -> SingleWriterCounter.subscribe(new ReactorSingleWriter())));

    /** The variants kept as lessons, each with the clause it breaks. */
    Implementations<Lesson> LESSONS = Implementations.of("lab03",
            new Implementation<>("racy", "count++ on a plain long",
                    new Lesson(Clause.NO_LOST_UPDATE, RacyCounter::new)),
            new Implementation<>("volatile", "count++ on a volatile long: visibility, not atomicity",
                    new Lesson(Clause.NO_LOST_UPDATE, VolatileCounter::new)),
            new Implementation<>("reactor-tryEmitNext", "the reactor-single-writer sink fed with tryEmitNext, its result ignored",
                    new Lesson(Clause.NO_LOST_UPDATE, () -> SingleWriterCounter.subscribe(new ReactorTryEmitWriter()))),
            new Implementation<>("rxjava-unserialized", "a plain PublishProcessor fed from many threads, folded by scan",
                    new Lesson(Clause.NO_LOST_UPDATE, () -> SingleWriterCounter.subscribe(new RxJavaUnserializedWriter()))),
            new Implementation<>("rxjava-toSerialized", "PublishProcessor.toSerialized(): a contending onNext is queued and returns, folded by scan",
                    new Lesson(Clause.LINEARIZABLE, () -> SingleWriterCounter.subscribe(new RxJavaSerializedWriter()))));

    /** Adds one; may be called from any number of threads at once. */
    void increment();

    /** The count. */
    long get();

    /** Ends what the counter holds; imperative counters hold nothing. Safe to call twice. */
    @Override
    default void close() {
    }

    /** A clause of the contract above, as a lesson breaks it. */
    enum Clause {
        NO_LOST_UPDATE("1 (no lost update)"),
        LINEARIZABLE("2 (linearizable)");

        private final String label;

        Clause(String label) {
            this.label = label;
        }

        /** {@code "1 (no lost update)"}: the clause as the README numbers it. */
        public String label() {
            return label;
        }
    }

    /** A variant kept to show a failure: the clause it breaks, and how to make one. */
    record Lesson(Clause breaks, Supplier<Counter> make) {
        public Lesson {
            Objects.requireNonNull(breaks, "breaks");
            Objects.requireNonNull(make, "make");
        }
    }
}
