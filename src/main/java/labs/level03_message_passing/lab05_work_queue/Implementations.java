package labs.level03_message_passing.lab05_work_queue;

import java.util.Arrays;
import java.util.List;

/** Every correct lab05 implementation, by the name {@code --impl} takes; the contract test runs them all. */
public enum Implementations {
    PLATFORM("platform") {
        @Override
        public WorkQueue create(int workers, int capacity) {
            return ThreadWorkQueue.platform(workers, capacity);
        }
    },
    VIRTUAL("virtual") {
        @Override
        public WorkQueue create(int workers, int capacity) {
            return ThreadWorkQueue.virtual(workers, capacity);
        }
    },
    REACTOR("reactor") {
        @Override
        public WorkQueue create(int workers, int capacity) {
            return new ReactorWorkQueue(workers, capacity);
        }
    },
    RXJAVA("rxjava") {
        @Override
        public WorkQueue create(int workers, int capacity) {
            return new RxJavaWorkQueue(workers, capacity);
        }
    };

    private final String label;

    Implementations(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A started queue: its workers are waiting. Whoever creates one must shut it down. */
    public abstract WorkQueue create(int workers, int capacity);

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
