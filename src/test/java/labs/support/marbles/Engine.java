package labs.support.marbles;

/** The two libraries every diagram runs on. */
public enum Engine {
    REACTOR("reactor"),
    RXJAVA("rxjava");

    private final String label;

    Engine(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
