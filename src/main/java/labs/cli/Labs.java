package labs.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import labs.support.BadInputException;
import labs.support.Experiment;
import labs.support.ExperimentOptions;
import labs.support.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The labs CLI: {@code list}, {@code run <lab>}, {@code tour} (the default).
 *
 * <p>Exit codes: 0 done; 2 bad input (one line on stderr naming what was wrong and what is
 * allowed, no stack trace); 1 a lab failed unexpectedly (that is a bug: the stack trace is printed).
 * The JVM exits by itself when the command ends: experiments stop every thread they start.
 */
@Command(name = "labs", mixinStandardHelpOptions = true, version = "Reactive Concurrency Labs 0.1",
        description = "Sixteen small concurrency labs: Project Reactor and RxJava 3 beside imperative Java.",
        subcommands = {Labs.ListLabs.class, Labs.RunLab.class, Labs.Tour.class})
public final class Labs implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        int exit = execute(System.out, System.err, args);
        if (exit != 0) {
            System.exit(exit);
        }
        // On success we just return: the JVM ends only if no lab left a non-daemon thread behind,
        // so a leak shows up as a run that does not end instead of being hidden by System.exit.
    }

    /** Runs one command line; separate from {@link #main} so tests can check output and exit code. */
    static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new Labs());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, ignored) -> {
            String problem = ex instanceof CommandLine.UnmatchedArgumentException unmatched && ex.getCommandLine() == cli
                    ? "unknown command '" + unmatched.getUnmatched().getFirst() + "'; allowed: list, run, tour"
                    : firstLine(ex.getMessage());
            err.println("labs: " + problem + " (see 'labs --help')");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BadInputException bad) {
                err.println("labs: " + bad.getMessage());
                return BAD_INPUT;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    /** No subcommand: the tour. */
    @Override
    public Integer call() throws Exception {
        return new Tour().call();
    }

    @Command(name = "list", description = "Lists the sixteen labs: id, level, title, status.")
    static final class ListLabs implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Table table = new Table("lab", "level", "title", "status", "docs");
            for (Lab lab : Catalogue.LABS) {
                table.row(lab.id(), "%02d %s".formatted(lab.level(), lab.levelName()), lab.title(), lab.status(), lab.docs());
            }
            PrintStream out = printStream(spec);
            table.print(out);
            return 0;
        }
    }

    @Command(name = "run", description = "Runs one lab's live experiment in real time and prints its observations.")
    static final class RunLab implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "LAB", description = "lab01 … lab16 ('labs list' shows which are implemented)")
        String labId;

        @Option(names = "--impl", paramLabel = "NAME", description = "run one implementation only")
        String impl;

        @Option(names = "--inject", paramLabel = "SCENARIO", description = "inject a failure scenario")
        String inject;

        @Option(names = "--workers", paramLabel = "N", description = "number of workers (lab-specific default)")
        Integer workers;

        @Option(names = "--tasks", paramLabel = "N", description = "number of tasks (lab-specific default)")
        Integer tasks;

        @Override
        public Integer call() throws Exception {
            Lab lab = Catalogue.find(labId).orElseThrow(() -> new BadInputException(
                    "unknown lab '" + labId + "'; allowed: lab01 … lab16 (implemented: " + String.join(", ", Catalogue.implementedIds()) + ")"));
            Experiment experiment = lab.newExperiment().orElseThrow(() -> new BadInputException(
                    lab.id() + " (" + lab.title() + ") is planned, not implemented yet; implemented: " + String.join(", ", Catalogue.implementedIds())));
            ExperimentOptions options = new ExperimentOptions(Optional.ofNullable(impl), Optional.ofNullable(inject),
                    workers == null ? OptionalInt.empty() : OptionalInt.of(workers),
                    tasks == null ? OptionalInt.empty() : OptionalInt.of(tasks));
            Experiment.Run run = experiment.prepare(options); // bad input stops here, before any output
            PrintStream out = printStream(spec);
            header(out, lab);
            run.printTo(out);
            return 0;
        }
    }

    @Command(name = "tour", description = "Runs every implemented lab's experiment in turn, with its defaults (the default command).")
    static final class Tour implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintStream out = spec == null ? System.out : printStream(spec);
            for (Lab lab : Catalogue.LABS) {
                Optional<Experiment> experiment = lab.newExperiment();
                if (experiment.isPresent()) {
                    Experiment.Run run = experiment.get().prepare(ExperimentOptions.defaults());
                    header(out, lab);
                    run.printTo(out);
                }
            }
            out.println();
            out.println("Planned: " + (Catalogue.LABS.size() - Catalogue.implementedIds().size())
                    + " more labs ('labs list'). Each lab's spec and notes: docs/labs/.");
            return 0;
        }
    }

    private static void header(PrintStream out, Lab lab) {
        out.println();
        out.println("== " + lab.id() + " " + lab.title() + " (level " + lab.level() + ") — spec: " + lab.docs() + "/README.md");
        out.println();
    }

    /** picocli hands us a PrintWriter; experiments write to a PrintStream. */
    private static PrintStream printStream(CommandLine.Model.CommandSpec spec) {
        java.io.PrintWriter writer = spec.commandLine().getOut();
        return new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                writer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writer.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                writer.flush();
            }
        }, true, java.nio.charset.StandardCharsets.UTF_8);
    }
}
