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
import labs.level04_coordination.lab08_barrier.BarrierExperiment;
import labs.level05_cancellation_and_failure.lab11_cooperative_cancellation.CooperativeCancellationExperiment;
import labs.level05_cancellation_and_failure.lab13_supervisor.SupervisorExperiment;
import labs.level06_performance.lab15_bounded_pool.BoundedPoolExperiment;

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
            new Lab("lab08", 4, "coordination", "Barrier", "barrier", BarrierExperiment::new),
            new Lab("lab09", 4, "coordination", "Run-Once Initialization", "run_once", labs.level04_coordination.lab09_run_once.RunOnceExperiment::new),
            new Lab("lab10", 4, "coordination", "Readers-Writers Lock", "readers_writers", labs.level04_coordination.lab10_readers_writers.ReadersWritersExperiment::new),
            new Lab("lab11", 5, "cancellation_and_failure", "Cooperative Cancellation", "cooperative_cancellation", CooperativeCancellationExperiment::new),
            new Lab("lab12", 5, "cancellation_and_failure", "Timeout-Aware Queue", "timeout_queue",
                    labs.level05_cancellation_and_failure.lab12_timeout_queue.TimeoutQueueExperiment::new),
            new Lab("lab13", 5, "cancellation_and_failure", "Supervisor Pattern", "supervisor", SupervisorExperiment::new),
            new Lab("lab14", 6, "performance", "Lock Contention Experiment", "lock_contention",
                    labs.level06_performance.lab14_lock_contention.LockContentionExperiment::new),
            new Lab("lab15", 6, "performance", "Bounded Pool", "bounded_pool", BoundedPoolExperiment::new),
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
