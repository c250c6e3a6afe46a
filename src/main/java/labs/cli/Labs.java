package labs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import labs.support.BadInputException;
import labs.support.ChildJvm;
import labs.support.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The labs CLI: {@code list}, {@code run LAB}, {@code tour} (the default), {@code help}.
 *
 * <p>Exit codes: 0 done; 2 bad input (one line on stderr naming what was wrong and what is
 * allowed, no stack trace); 1 a lab failed unexpectedly (that is a bug: the stack trace is printed).
 * The JVM exits by itself when the command ends: experiments stop every thread they start.
 */
@Command(name = "labs", mixinStandardHelpOptions = true, version = "Reactive Concurrency Labs 0.1",
        description = "Sixteen small concurrency labs: Project Reactor and RxJava 3 beside imperative Java.",
        subcommands = {Labs.ListLabs.class, Labs.Tour.class, Labs.PracticeLab.class, Labs.CheckLab.class, Labs.PredictLab.class,
                CommandLine.HelpCommand.class})
public final class Labs implements Callable<Integer> {

    static final int BAD_INPUT = 2;
    private static final List<String> COMMANDS = List.of("list", "run", "tour", "practice", "check", "predict", "help");
    /** How {@code check} and {@code predict} run the build; tests put a recorder here. */
    static MavenCheck.Runner runner = MavenCheck.PROCESS;

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
        cli.addSubcommand("run", new CommandLine(RunCommands.run(Labs::printStream)));
        // After the subcommands are added: setOut and setErr reach the ones that exist.
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, ignored) -> {
            err.println("labs: " + problem(ex));
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

    /** One line for a command line picocli could not parse, naming what is allowed where. */
    private static String problem(CommandLine.ParameterException ex) {
        CommandLine where = ex.getCommandLine();
        String command = where.getCommandSpec().qualifiedName(" ");
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().getFirst();
            if (command.equals("labs")) {
                return "unknown command '" + first + "'; allowed: " + String.join(", ", COMMANDS) + " (see 'labs --help')";
            }
            if (command.equals("labs run")) {
                return "unknown lab '" + first + "'; allowed: lab01 … lab16 (implemented: " + String.join(", ", Catalogue.implementedIds()) + ")";
            }
            String lab = where.getCommandName();
            if (first.startsWith("-")) {
                List<String> options = where.getCommandSpec().options().stream()
                        .filter(o -> !o.usageHelp()).map(OptionSpec::longestName).toList();
                return lab + " has no option '" + first.split("=", 2)[0] + "'; its options: "
                        + (options.isEmpty() ? "none" : String.join(", ", options)) + " (see '" + command + " --help')";
            }
            return lab + " takes no argument '" + first + "' (see '" + command + " --help')";
        }
        return firstLine(ex.getMessage()) + " (see '" + command + " --help')";
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

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the sixteen labs: id, level, title, status.")
    static final class ListLabs implements Callable<Integer> {
        @CommandLine.Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Table table = new Table("lab", "level", "title", "status", "docs");
            for (Lab lab : Catalogue.LABS) {
                table.row(lab.id(), "%02d %s".formatted(lab.level(), lab.levelName()), lab.title(), lab.status(), lab.docs());
            }
            PrintStream out = printStream(spec);
            table.print(out);
            out.flush();
            return 0;
        }
    }

    @Command(name = "tour", mixinStandardHelpOptions = true,
            description = "Runs every implemented lab's experiment in turn, with its defaults (the default command).")
    static final class Tour implements Callable<Integer> {
        @CommandLine.Spec
        CommandSpec spec;

        /**
         * Each lab runs in a JVM of its own ({@code labs run LAB}, with this JVM's flags and
         * classpath): a lab may leave the JVM changed for good — lab02 installs BlockHound, which
         * rewrites JDK classes under threads already running in them, and in one shared JVM lab12's
         * and lab16's RxJava runs then hung. A lab that fails is reported, and the tour goes on.
         */
        @Override
        public Integer call() throws Exception {
            PrintStream out = spec == null ? System.out : printStream(spec);
            List<String> failed = new ArrayList<>();
            for (Lab lab : Catalogue.LABS) {
                if (lab.implemented()) {
                    out.flush();
                    int exit = runInAJvmOfItsOwn(out, "run", lab.id());
                    if (exit != 0) {
                        failed.add(lab.id() + " (exit status " + exit + ")");
                    }
                }
            }
            out.println();
            if (!failed.isEmpty()) {
                out.println("Ended with an error: " + String.join(", ", failed) + ". Rerun one alone with 'labs run LAB'.");
            }
            int planned = Catalogue.LABS.size() - Catalogue.implementedIds().size();
            out.println((planned == 0 ? "" : "Planned: " + planned + " more labs ('labs list'). ")
                    + "Each lab's spec and notes: docs/labs/.");
            out.flush();
            return failed.isEmpty() ? 0 : 1;
        }

        private static int runInAJvmOfItsOwn(PrintStream out, String... args) throws IOException, InterruptedException {
            Process child = new ProcessBuilder(ChildJvm.command(Labs.class, args)).redirectErrorStream(true).start();
            child.getInputStream().transferTo(out); // until the child ends: each run ends its own threads
            return child.waitFor();
        }
    }

    /** A lab id given to practice, check or predict: implemented, one line otherwise. */
    private static Lab implementedLab(String id) {
        Lab lab = Catalogue.find(id).orElseThrow(() -> new BadInputException(
                "unknown lab '" + id + "'; allowed: lab01 … lab16 (implemented: " + String.join(", ", Catalogue.implementedIds()) + ")"));
        if (!lab.implemented()) {
            throw new BadInputException(lab.id() + " (" + lab.title() + ") is planned, not implemented yet; implemented: "
                    + String.join(", ", Catalogue.implementedIds()));
        }
        return lab;
    }

    @Command(name = "practice", mixinStandardHelpOptions = true,
            description = {"Starts a lab as an exercise: its starting point goes to src/practice/java (git ignores it),",
                    "its predict-the-output diagrams to src/practice/marbles. Then 'labs check LAB' and 'labs predict LAB'."})
    static final class PracticeLab implements Callable<Integer> {
        @CommandLine.Spec
        CommandSpec spec;

        @CommandLine.Parameters(index = "0", paramLabel = "LAB", description = "lab01 … lab16")
        String labId;

        @CommandLine.Option(names = "--force", description = "start over: overwrite your files for this lab")
        boolean force;

        @Override
        public Integer call() {
            Lab lab = implementedLab(labId);
            java.nio.file.Path home = MavenCheck.home();
            List<java.nio.file.Path> written = Practice.start(home, lab, force);
            PrintStream out = printStream(spec);
            Practice.printNextSteps(out, lab, written);
            out.flush();
            return 0;
        }
    }

    /** {@code check} and {@code predict}: one lab, through the build, reported by {@link MavenCheck}. */
    private abstract static class ThroughTheBuild implements Callable<Integer> {
        @CommandLine.Spec
        CommandSpec spec;

        @CommandLine.Parameters(index = "0", paramLabel = "LAB", description = "lab01 … lab16")
        String labId;

        abstract MavenCheck.Kind kind();

        @Override
        public Integer call() throws Exception {
            Lab lab = implementedLab(labId);
            PrintStream out = printStream(spec);
            int status = MavenCheck.run(kind(), MavenCheck.home(), lab, runner, out);
            out.flush();
            return status;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Runs the lab's tests, failure scenarios and diagrams — under BlockHound and the leak check — against",
                    "your code in src/practice/java instead of the reference, and reports them by property, with hints.",
                    "Exit status 0 when every property holds, 1 otherwise."})
    static final class CheckLab extends ThroughTheBuild {
        @Override
        MavenCheck.Kind kind() {
            return MavenCheck.Kind.CHECK;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = {"Checks your predictions in src/practice/marbles against what Reactor and RxJava do (the lab's",
                    "own code, in virtual time): a wrong one gets the aligned diagram and a hint. Exit status 0 when all are right."})
    static final class PredictLab extends ThroughTheBuild {
        @Override
        MavenCheck.Kind kind() {
            return MavenCheck.Kind.PREDICT;
        }
    }

    static void header(PrintStream out, Lab lab) {
        out.println();
        out.println("== " + lab.id() + " " + lab.title() + " (level " + lab.level() + ") — spec: " + lab.docs() + "/README.md");
        out.println();
    }

    /** picocli hands us a PrintWriter; experiments write to a PrintStream. */
    static PrintStream printStream(CommandSpec spec) {
        PrintWriter writer = spec.commandLine().getOut();
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                writer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writer.write(new String(b, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                writer.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
