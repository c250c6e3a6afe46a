package labs.level03_message_passing.lab05_work_queue;

import java.util.List;

/**
 * What a shutdown hands back: every job that ran (succeeded or failed), and every accepted job that
 * did not run. Accepted = finished + notRun, always: nothing accepted is lost silently.
 */
public record Report(List<JobResult> finished, List<Job> notRun) {
    public Report {
        finished = List.copyOf(finished);
        notRun = List.copyOf(notRun);
    }

    public long failedCount() {
        return finished.stream().filter(r -> !r.succeeded()).count();
    }

    public int accountedFor() {
        return finished.size() + notRun.size();
    }
}
