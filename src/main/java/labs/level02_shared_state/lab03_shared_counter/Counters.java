package labs.level02_shared_state.lab03_shared_counter;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Every lab03 counter, by the name {@code --impl} takes, and how much of the {@link Counter} contract it keeps. */
public enum Counters {
    RACY("racy", Verdict.BROKEN, RacyCounter::new),
    VOLATILE("volatile", Verdict.BROKEN, VolatileCounter::new),
    SYNCHRONIZED("synchronized", Verdict.CORRECT, SynchronizedCounter::new),
    LOCK("lock", Verdict.CORRECT, LockCounter::new),
    ATOMIC("atomic", Verdict.CORRECT, AtomicCounter::new),
    ADDER("adder", Verdict.CORRECT, AdderCounter::new),
    REACTOR_TRY_EMIT("reactor-tryEmitNext", Verdict.BROKEN, TryEmitCounter::new),
    REACTOR_SINGLE_WRITER("reactor-single-writer", Verdict.CORRECT, ReactorSingleWriterCounter::new),
    RXJAVA_UNSERIALIZED("rxjava-unserialized", Verdict.BROKEN, UnserializedProcessorCounter::new),
    // Not linearizable: a contending increment() returns before its event is delivered, so the
    // caller's own get() can miss it (SharedCounterLincheckTest, ReactiveCounterPitfallTest).
    RXJAVA_SERIALIZED("rxjava-toSerialized", Verdict.EXACT_ONCE_QUIESCENT, RxJavaSingleWriterCounter::new);

    /** How much of the {@link Counter} contract a variant keeps. */
    public enum Verdict {
        /** Linearizable: get() counts every increment that has returned. */
        CORRECT("correct"),
        /**
         * Loses nothing, but only exact once quiescent (every increment returned and every emitting
         * thread left): an increment may be counted after it returned, so get() can lag behind.
         */
        EXACT_ONCE_QUIESCENT("exact once quiescent, not linearizable"),
        /** Loses updates under contention: kept as a lesson. */
        BROKEN("broken");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String label;
    private final Verdict verdict;
    private final Supplier<Counter> factory;

    Counters(String label, Verdict verdict, Supplier<Counter> factory) {
        this.label = label;
        this.verdict = verdict;
        this.factory = factory;
    }

    public String label() {
        return label;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** True only for the linearizable variants: the whole {@link Counter} contract. */
    public boolean correct() {
        return verdict == Verdict.CORRECT;
    }

    /** True where no update is lost once every increment has returned (correct, or exact once quiescent). */
    public boolean losesNothingOnceQuiescent() {
        return verdict != Verdict.BROKEN;
    }

    public Counter create() {
        return factory.get();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Counters::label).toList();
    }

    /** Name and verdict of each, for the CLI. */
    public static List<labs.support.Choice> choices() {
        return Arrays.stream(values()).map(c -> new labs.support.Choice(c.label, c.verdict.label())).toList();
    }

    public static Counters byLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown counter " + label + "; allowed: " + labels()));
    }
}
