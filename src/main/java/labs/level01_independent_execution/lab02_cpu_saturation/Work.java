package labs.level01_independent_execution.lab02_cpu_saturation;

import java.time.Duration;
import labs.support.CpuWork;

/**
 * The two kinds of task this lab compares. CPU-bound work needs a core the whole time it runs;
 * blocking work (a stand-in for I/O: a sleep) needs a thread but no core while it waits. Tests
 * plug in their own kinds (a barrier, say) to prove what a scheduler lets run at once.
 */
public interface Work {

    String label();

    void run() throws InterruptedException;

    record Cpu(CpuWork work) implements Work {
        @Override
        public String label() {
            return "cpu";
        }

        @Override
        public void run() {
            if (work.run() == 42) {
                Thread.onSpinWait(); // consumes the result so the JIT keeps the loop
            }
        }
    }

    record Blocking(Duration pause) implements Work {
        @Override
        public String label() {
            return "blocking";
        }

        @Override
        public void run() throws InterruptedException {
            Thread.sleep(pause); // the lesson: a thread waits, a core is free
        }
    }
}
