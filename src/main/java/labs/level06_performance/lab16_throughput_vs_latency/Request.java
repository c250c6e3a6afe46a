package labs.level06_performance.lab16_throughput_vs_latency;

/**
 * One request of a load test: its number in the schedule, and when the schedule meant it to be
 * sent. The intended time is the schedule's, never the sender's clock: a request sent late (its
 * sender was held up) still counts its latency from when it should have been sent — which is what
 * its user would have waited, and what a load test that reads the clock at the send hides
 * (coordinated omission).
 *
 * @param id            its place in the schedule (0, 1, 2 …), unique within a run
 * @param intendedNanos when the schedule meant it to be sent, on the run's clock
 */
public record Request(long id, long intendedNanos) {
}
