package labs.level06_performance.lab15_bounded_pool;

/**
 * What an implementation does with a job submitted when every worker is busy and the waiting room
 * is full: the two honest answers. (The dishonest ones — an unbounded queue, a silent discard — are
 * {@link UnboundedQueueWorkers} and {@link DiscardingWorkers}, outside the registry.)
 */
public enum Overload {
    /** The job is refused at once and reported ({@link Settled.Refused}); the producer carries on. */
    REFUSE,
    /** The producer is held back — it waits, or runs the job itself — until there is room: backpressure. */
    HOLD_BACK
}
