package labs.support.marbles;

/**
 * One subscription to a source: the frame it was subscribed and the frame it ended (cancelled, or
 * its terminal signal delivered); {@link #OPEN} when it never ended within the run.
 */
public record SubscriptionSpan(long subscribed, long ended) {

    public static final long OPEN = Long.MAX_VALUE;

    public boolean isOpen() {
        return ended == OPEN;
    }
}
