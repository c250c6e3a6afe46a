package labs.level02_shared_state.lab03_shared_counter;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Every lab03 counter, by the name {@code --impl} takes, and whether it is meant to be correct. */
public enum Counters {
    RACY("racy", false, RacyCounter::new),
    VOLATILE("volatile", false, VolatileCounter::new),
    SYNCHRONIZED("synchronized", true, SynchronizedCounter::new),
    LOCK("lock", true, LockCounter::new),
    ATOMIC("atomic", true, AtomicCounter::new),
    ADDER("adder", true, AdderCounter::new),
    REACTOR_TRY_EMIT("reactor-tryEmitNext", false, TryEmitCounter::new),
    REACTOR_SINGLE_WRITER("reactor-single-writer", true, ReactorSingleWriterCounter::new),
    RXJAVA_UNSERIALIZED("rxjava-unserialized", false, UnserializedProcessorCounter::new),
    RXJAVA_SERIALIZED("rxjava-toSerialized", true, RxJavaSingleWriterCounter::new);

    private final String label;
    private final boolean correct;
    private final Supplier<Counter> factory;

    Counters(String label, boolean correct, Supplier<Counter> factory) {
        this.label = label;
        this.correct = correct;
        this.factory = factory;
    }

    public String label() {
        return label;
    }

    /** False for the variants kept as lessons: they lose updates under contention. */
    public boolean correct() {
        return correct;
    }

    public Counter create() {
        return factory.get();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Counters::label).toList();
    }

    public static Counters byLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown counter " + label + "; allowed: " + labels()));
    }
}
