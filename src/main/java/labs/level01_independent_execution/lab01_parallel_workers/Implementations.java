package labs.level01_independent_execution.lab01_parallel_workers;

import java.util.List;
import java.util.function.IntFunction;

/** Every lab01 implementation, by the name {@code --impl} takes; the contract test runs them all. */
public enum Implementations {
    PLATFORM("platform", PlatformThreadWorkers::new),
    VIRTUAL("virtual", VirtualThreadWorkers::new),
    REACTOR("reactor", ReactorWorkers::new),
    RXJAVA("rxjava", RxJavaWorkers::new);

    private final String label;
    private final IntFunction<ParallelWorkers> factory;

    Implementations(String label, IntFunction<ParallelWorkers> factory) {
        this.label = label;
        this.factory = factory;
    }

    public String label() {
        return label;
    }

    public ParallelWorkers withWorkers(int workers) {
        return factory.apply(workers);
    }

    public static List<String> labels() {
        return java.util.Arrays.stream(values()).map(Implementations::label).toList();
    }

    public static Implementations byLabel(String label) {
        return java.util.Arrays.stream(values()).filter(i -> i.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown implementation " + label + "; allowed: " + labels()));
    }
}
