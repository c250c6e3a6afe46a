package labs.level03_message_passing.lab06_fan_out_fan_in;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Every correct lab06 implementation, by the name {@code --impl} takes; the contract test runs them all. */
public enum Implementations {
    PLATFORM("platform", CompletionServiceFanOut::new),
    VIRTUAL("virtual", CompletableFutureFanOut::new),
    REACTOR("reactor", ReactorFanOut::new),
    RXJAVA("rxjava", RxJavaFanOut::new);

    private final String label;
    private final Supplier<FanOutFanIn> factory;

    Implementations(String label, Supplier<FanOutFanIn> factory) {
        this.label = label;
        this.factory = factory;
    }

    public String label() {
        return label;
    }

    public FanOutFanIn create() {
        return factory.get();
    }

    /** Name of each, for the CLI. */
    public static List<labs.support.Choice> choices() {
        return java.util.Arrays.stream(values()).map(i -> new labs.support.Choice(i.label(), "see the lab's README")).toList();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Implementations::label).toList();
    }

    public static Implementations byLabel(String label) {
        return Arrays.stream(values()).filter(i -> i.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown implementation " + label + "; allowed: " + labels()));
    }
}
