package labs.level03_message_passing.lab07_pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/** Every lab07 implementation, by the name {@code --impl} takes; the contract test runs them all. */
public enum Implementations {
    PLATFORM("platform", ThreadPipeline::platform),
    VIRTUAL("virtual", ThreadPipeline::virtual),
    REACTOR("reactor", ReactorPipeline::new),
    RXJAVA("rxjava", RxJavaPipeline::new);

    private final String label;
    private final BiFunction<List<Stage>, Integer, Pipeline> factory;

    Implementations(String label, BiFunction<List<Stage>, Integer, Pipeline> factory) {
        this.label = label;
        this.factory = factory;
    }

    public String label() {
        return label;
    }

    public Pipeline create(List<Stage> stages, int buffer) {
        return factory.apply(stages, buffer);
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
