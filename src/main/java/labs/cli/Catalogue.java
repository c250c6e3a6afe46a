package labs.cli;

import java.util.List;
import java.util.Optional;
import labs.level01_independent_execution.lab01_parallel_workers.ParallelWorkersExperiment;
import labs.level01_independent_execution.lab02_cpu_saturation.CpuSaturationExperiment;
import labs.level02_shared_state.lab03_shared_counter.SharedCounterExperiment;
import labs.level02_shared_state.lab04_bounded_buffer.BoundedBufferExperiment;
import labs.level03_message_passing.lab05_work_queue.WorkQueueExperiment;
import labs.level03_message_passing.lab06_fan_out_fan_in.FanOutExperiment;
import labs.level03_message_passing.lab07_pipeline.PipelineExperiment;

/**
 * The sixteen labs, by global id (never renumbered). Adding a lab's experiment here is what turns
 * it from planned to implemented in {@code labs list}, {@code labs run} and {@code labs tour}.
 */
final class Catalogue {

    static final List<Lab> LABS = List.of(
            new Lab("lab01", 1, "independent_execution", "Parallel Workers", "parallel_workers", ParallelWorkersExperiment::new),
            new Lab("lab02", 1, "independent_execution", "CPU Saturation Experiment", "cpu_saturation", CpuSaturationExperiment::new),
            new Lab("lab03", 2, "shared_state", "Shared Counter", "shared_counter", SharedCounterExperiment::new),
            new Lab("lab04", 2, "shared_state", "Bounded Buffer", "bounded_buffer", BoundedBufferExperiment::new),
            new Lab("lab05", 3, "message_passing", "Work Queue", "work_queue", WorkQueueExperiment::new),
            new Lab("lab06", 3, "message_passing", "Fan-Out / Fan-In", "fan_out_fan_in", FanOutExperiment::new),
            new Lab("lab07", 3, "message_passing", "Multi-Stage Pipeline", "pipeline", PipelineExperiment::new),
            new Lab("lab08", 4, "coordination", "Barrier", "barrier", null),
            new Lab("lab09", 4, "coordination", "Run-Once Initialization", "run_once", labs.level04_coordination.lab09_run_once.RunOnceExperiment::new),
            new Lab("lab10", 4, "coordination", "Readers-Writers Lock", "readers_writers", null),
            new Lab("lab11", 5, "cancellation_and_failure", "Cooperative Cancellation", "cooperative_cancellation", null),
            new Lab("lab12", 5, "cancellation_and_failure", "Timeout-Aware Queue", "timeout_queue", null),
            new Lab("lab13", 5, "cancellation_and_failure", "Supervisor Pattern", "supervisor", null),
            new Lab("lab14", 6, "performance", "Lock Contention Experiment", "lock_contention", null),
            new Lab("lab15", 6, "performance", "Bounded Pool", "bounded_pool", null),
            new Lab("lab16", 6, "performance", "Throughput vs Latency Analysis", "throughput_vs_latency",
                    labs.level06_performance.lab16_throughput_vs_latency.ThroughputLatencyExperiment::new));

    private Catalogue() {
    }

    static Optional<Lab> find(String id) {
        return LABS.stream().filter(lab -> lab.id().equals(id)).findFirst();
    }

    static List<String> implementedIds() {
        return LABS.stream().filter(Lab::implemented).map(Lab::id).toList();
    }
}
