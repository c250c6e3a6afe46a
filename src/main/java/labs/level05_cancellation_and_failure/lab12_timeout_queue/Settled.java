package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.util.Objects;

/**
 * How one item taken off the queue ended downstream: {@code delivered}, with the service's answer,
 * or {@code expired} — its time ran out first, and the service's late answer, if it ever comes, is
 * not reported (the item ends one way). The reactive consumers ({@link ReactorDeadlines},
 * {@link RxJavaDeadlines}) emit one per item.
 *
 * @param answer the service's answer; {@code null} for an expired item
 */
public record Settled<T, R>(T item, boolean delivered, R answer) {

    public Settled {
        Objects.requireNonNull(item, "item");
        if (delivered) {
            Objects.requireNonNull(answer, "a delivered item has the service's answer");
        }
    }

    public static <T, R> Settled<T, R> delivered(T item, R answer) {
        return new Settled<>(item, true, answer);
    }

    public static <T, R> Settled<T, R> expired(T item) {
        return new Settled<>(item, false, null);
    }

    public boolean expired() {
        return !delivered;
    }
}
