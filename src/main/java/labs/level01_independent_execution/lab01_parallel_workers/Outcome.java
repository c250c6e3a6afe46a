package labs.level01_independent_execution.lab01_parallel_workers;

/** What one task produced, and the thread that ran it (so runs can be observed, not guessed). */
public record Outcome<R>(int taskId, R value, String thread) {
}
