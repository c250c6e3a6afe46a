package labs.support.marbles;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The scenario-name-to-code map one {@link MarbleBinding} fills in. */
public final class Bindings {

    private final String owner;
    private final Map<String, Pipelines> byScenario = new LinkedHashMap<>();

    public Bindings(String owner) {
        this.owner = owner;
    }

    /** Binds the scenario named {@code scenario} (exactly as after {@code scenario:}) to both libraries. */
    public Bindings bind(String scenario, Pipelines.Reactor reactor, Pipelines.RxJava rxjava) {
        if (byScenario.put(scenario, new Pipelines(reactor, rxjava)) != null) {
            throw new IllegalStateException(owner + " binds scenario \"" + scenario + "\" twice");
        }
        return this;
    }

    public Map<String, Pipelines> byScenario() {
        return Collections.unmodifiableMap(byScenario);
    }
}
