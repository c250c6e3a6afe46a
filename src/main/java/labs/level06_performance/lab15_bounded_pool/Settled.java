package labs.level06_performance.lab15_bounded_pool;

import java.util.Objects;
import labs.support.Result;

/**
 * What became of one submitted job: it {@link Ran} (and how it ended), or it was {@link Refused}
 * because every worker was busy and the waiting room was full. Every job settles exactly once; a
 * job that does neither was lost, which no implementation in the registry may do.
 */
public sealed interface Settled {

    int jobId();

    /** The job ran on {@code thread}; an exception it threw is a failed {@link Result}, not the end of the run. */
    record Ran(int jobId, Result<Long> result, String thread) implements Settled {
        public Ran {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(thread, "thread");
        }

        /**
         * Runs {@code job} on the calling thread and settles it: an exception (or null) is a failed
         * result; an {@link Error} is not a result and propagates (see {@link Result#of}).
         */
        static Ran run(Job job) {
            return new Ran(job.id(), Result.of(job.body()), Thread.currentThread().getName());
        }
    }

    /** The job was refused when it was submitted, and never ran; {@code reason} says by what. */
    record Refused(int jobId, String reason) implements Settled {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
