package labs.support;

import java.io.PrintStream;
import java.util.List;

/**
 * A lab's live experiment: what {@code labs run LAB} runs in real time and prints as a table of
 * observations. Unit tests never call it for figures (they use virtual time or latches); the CLI
 * does, and NOTES.md quotes what it printed, with the command and the machine.
 *
 * <p>Contract: {@link #prepare} checks the request and starts nothing (bad input throws
 * {@link BadInputException}, so the CLI prints one line and nothing else); {@link Run#printTo}
 * runs it and returns only when every thread it started has ended. What it prints after the table
 * is computed from what this run observed, never fixed text that a run can contradict.
 */
public interface Experiment {

    /** What {@code --impl} takes: name and summary of each; empty if the lab has a single implementation. */
    List<Choice> implementations();

    /** What {@code --inject} takes: name and summary of each failure scenario. */
    List<Choice> scenarios();

    /** The lab's own options. The CLI offers exactly these (plus {@code --impl} and {@code --inject}). */
    List<Setting> settings();

    /** Checks {@code request} and returns the run it describes, without starting anything. */
    Run prepare(Request request);

    /** A checked, ready-to-start run. */
    @FunctionalInterface
    interface Run {
        /** Runs the experiment in real time and prints its observations to {@code out}. */
        void printTo(PrintStream out) throws InterruptedException;
    }
}
