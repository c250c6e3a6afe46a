package labs.support;

import java.util.List;

/**
 * An {@link Experiment} whose implementations, failure scenarios and settings are fixed when it is
 * made: what {@code labs run LAB --help} lists and what a {@link Request} is checked against. A lab's
 * experiment passes the three lists to this constructor and keeps only what is its own,
 * {@link #prepare}.
 */
public abstract class DescribedExperiment implements Experiment {

    private final List<Choice> implementations;
    private final List<Choice> scenarios;
    private final List<Setting> settings;

    protected DescribedExperiment(List<Choice> implementations, List<Choice> scenarios, List<Setting> settings) {
        this.implementations = List.copyOf(implementations);
        this.scenarios = List.copyOf(scenarios);
        this.settings = List.copyOf(settings);
    }

    @Override
    public final List<Choice> implementations() {
        return implementations;
    }

    @Override
    public final List<Choice> scenarios() {
        return scenarios;
    }

    @Override
    public final List<Setting> settings() {
        return settings;
    }
}
