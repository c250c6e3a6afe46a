package labs.level01_independent_execution.lab01_parallel_workers;

/** A task threw: the run is reported failed, naming the task, with the task's exception as cause. */
public final class WorkerFailedException extends RuntimeException {

    private final int taskId;

    public WorkerFailedException(int taskId, Throwable cause) {
        super("task " + taskId + " failed: " + cause, cause);
        this.taskId = taskId;
    }

    public int taskId() {
        return taskId;
    }
}
