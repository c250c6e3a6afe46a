package labs.support;

import java.io.PrintStream;
import java.util.List;

/**
 * A lab's live experiment: what {@code labs run <lab>} runs in real time and prints as a table of
 * observations. Unit tests never call it for figures (they use virtual time or latches); the CLI
 * does, and NOTES.md quotes what it printed, with the command and the machine.
 *
 * <p>Contract: {@link #prepare} checks the options and starts nothing (bad input throws
 * {@link BadInputException}, so the CLI prints one line and nothing else); {@link Run#printTo}
 * runs it and returns only when every thread it started has ended.
 */
public interface Experiment {

    /** Names accepted by {@code --impl}; empty if the lab has a single implementation. */
    List<String> implementations();

    /** Names accepted by {@code --inject}. */
    List<String> scenarios();

    /** Checks {@code options} and returns the run they describe, without starting anything. */
    Run prepare(ExperimentOptions options);

    /** A checked, ready-to-start run. */
    @FunctionalInterface
    interface Run {
        /** Runs the experiment in real time and prints its observations to {@code out}. */
        void printTo(PrintStream out) throws InterruptedException;
    }
}
