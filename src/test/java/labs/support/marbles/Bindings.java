package labs.support.marbles;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The scenario-name-to-code map one {@link MarbleBinding} fills in. */
public final class Bindings {

    private final String owner;
    private final Map<String, Pipelines> byScenario = new LinkedHashMap<>();

    public Bindings(String owner) {
        this.owner = owner;
    }

    /** Binds the scenario named {@code scenario} (exactly as after {@code scenario:}) to both libraries. */
    public Bindings bind(String scenario, Pipelines.Reactor reactor, Pipelines.RxJava rxjava) {
        return put(scenario, new Pipelines(Objects.requireNonNull(reactor, "reactor"), Objects.requireNonNull(rxjava, "rxjava")));
    }

    /**
     * Binds each of {@code scenarios} to the same code: diagrams that differ only in what they draw
     * (their inputs, parameters and expected lines), not in what runs them.
     */
    public Bindings bindEach(List<String> scenarios, Pipelines.Reactor reactor, Pipelines.RxJava rxjava) {
        scenarios.forEach(scenario -> bind(scenario, reactor, rxjava));
        return this;
    }

    /**
     * Binds a scenario that draws a behaviour only Reactor has (RxJava has no operator that meets
     * the drawing, e.g. an operator of the same name with another rule): it runs on Reactor only.
     * The diagram's prose must say so, and name the scenario that draws RxJava's behaviour.
     */
    public Bindings bindReactorOnly(String scenario, Pipelines.Reactor reactor) {
        return put(scenario, new Pipelines(Objects.requireNonNull(reactor, "reactor"), null));
    }

    /** The mirror of {@link #bindReactorOnly}: a behaviour only RxJava has; it runs on RxJava only. */
    public Bindings bindRxJavaOnly(String scenario, Pipelines.RxJava rxjava) {
        return put(scenario, new Pipelines(null, Objects.requireNonNull(rxjava, "rxjava")));
    }

    private Bindings put(String scenario, Pipelines pipelines) {
        if (byScenario.put(scenario, pipelines) != null) {
            throw new IllegalStateException(owner + " binds scenario \"" + scenario + "\" twice");
        }
        return this;
    }

    public Map<String, Pipelines> byScenario() {
        return Collections.unmodifiableMap(byScenario);
    }
}
