package labs.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.Experiment;
import labs.support.Request;
import labs.support.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Builds {@code labs run LAB} from the catalogue: one subcommand per lab, whose options are exactly
 * the ones its experiment reads ({@code --impl}, {@code --inject} and its {@link Setting}s). So
 * {@code labs run lab06 --tasks 3} is refused by name instead of being silently ignored, and
 * {@code labs run LAB --help} lists that lab's options, implementations and scenarios.
 */
final class RunCommands {

    private RunCommands() {
    }

    /** The {@code run} command with its sixteen lab subcommands. */
    static CommandSpec run(Function<CommandSpec, PrintStream> output) {
        CommandSpec run = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
            throw new BadInputException("labs run needs a lab: lab01 … lab16 (implemented: " + String.join(", ", Catalogue.implementedIds())
                    + "; 'labs run --help' lists each one's options)");
        });
        run.name("run");
        run.addOption(help());
        run.usageMessage()
                .width(104)
                .description("Runs one lab's live experiment in real time and prints what it observed.")
                .footerHeading("%nThe labs, their implementations (--impl) and failure scenarios (--inject):%n")
                .footer(catalogueFooter());
        for (Lab lab : Catalogue.LABS) {
            run.addSubcommand(lab.id(), lab(lab, output));
        }
        return run;
    }

    /**
     * Reads {@code labs run ARGS} exactly as the CLI does and prepares the run without starting it,
     * so the commands the docs show can be checked to still work. Empty when the arguments ask for
     * help. Bad input throws what the CLI would report: picocli's {@link CommandLine.ParameterException}
     * or {@link BadInputException}.
     */
    static Optional<Experiment.Run> prepare(String... args) {
        CommandLine run = new CommandLine(run(spec -> {
            throw new IllegalStateException("a prepared run prints nothing");
        }));
        ParseResult parsed = run.parseArgs(args);
        if (parsed.isUsageHelpRequested()) {
            return Optional.empty();
        }
        if (!parsed.hasSubcommand()) {
            throw new BadInputException("labs run needs a lab");
        }
        ParseResult labArgs = parsed.subcommand();
        if (labArgs.isUsageHelpRequested()) {
            return Optional.empty();
        }
        Lab lab = Catalogue.find(labArgs.commandSpec().name()).orElseThrow();
        Experiment experiment = lab.newExperiment()
                .orElseThrow(() -> new BadInputException(lab.id() + " (" + lab.title() + ") is planned, not implemented yet"));
        return Optional.of(experiment.prepare(request(lab, labArgs.commandSpec())));
    }

    private static CommandSpec lab(Lab lab, Function<CommandSpec, PrintStream> output) {
        if (!lab.implemented()) {
            CommandSpec planned = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
                throw new BadInputException(lab.id() + " (" + lab.title() + ") is planned, not implemented yet; implemented: "
                        + String.join(", ", Catalogue.implementedIds()));
            });
            planned.addOption(help());
            planned.usageMessage().width(104).description(lab.title() + " (level " + lab.level() + "): planned, not implemented yet.");
            return planned;
        }
        Experiment experiment = lab.newExperiment().orElseThrow();
        CommandSpec[] self = new CommandSpec[1];
        CommandSpec spec = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
            Request request = request(lab, self[0]);
            Experiment.Run run = lab.newExperiment().orElseThrow().prepare(request); // bad input stops here, before any output
            PrintStream out = output.apply(self[0]);
            Labs.header(out, lab);
            run.printTo(out);
            out.flush();
            return 0;
        });
        self[0] = spec;
        spec.addOption(help());
        if (!experiment.implementations().isEmpty()) {
            spec.addOption(OptionSpec.builder("--impl").paramLabel("NAME").type(String.class)
                    .description("run one implementation only: " + names(experiment.implementations())).build());
        }
        if (!experiment.scenarios().isEmpty()) {
            spec.addOption(OptionSpec.builder("--inject").paramLabel("SCENARIO").type(String.class)
                    .description("inject a failure scenario: " + names(experiment.scenarios())).build());
        }
        for (Setting setting : experiment.settings()) {
            spec.addOption(OptionSpec.builder(setting.option()).paramLabel(setting.label()).type(String.class)
                    .description(setting.description()).build());
        }
        spec.usageMessage()
                .width(104)
                .description(lab.title() + " (level " + lab.level() + ")", "Spec: " + lab.docs() + "/README.md")
                .footer(labFooter(experiment));
        return spec;
    }

    /** The options as typed, by name without dashes; their values are checked when the experiment reads them. */
    private static Request request(Lab lab, CommandSpec spec) {
        Request request = Request.defaults(lab.id());
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.getValue() == null) {
                continue;
            }
            request = request.with(option.longestName().substring(2), option.getValue());
        }
        return request;
    }

    private static OptionSpec help() {
        return OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build();
    }

    private static String names(List<Choice> choices) {
        return String.join(", ", choices.stream().map(Choice::name).toList());
    }

    private static String labFooter(Experiment experiment) {
        List<String> lines = new ArrayList<>();
        if (!experiment.implementations().isEmpty()) {
            lines.add("");
            lines.add("Implementations (--impl; all of them when not given):");
            experiment.implementations().forEach(c -> lines.addAll(choiceLines(c)));
        }
        if (!experiment.scenarios().isEmpty()) {
            lines.add("");
            lines.add("Failure scenarios (--inject; none when not given):");
            experiment.scenarios().forEach(c -> lines.addAll(choiceLines(c)));
        }
        return String.join("%n", lines.stream().map(l -> l.replace("%", "%%")).toList()) + "%n";
    }

    private static List<String> choiceLines(Choice choice) {
        return wrapped("  %-22s ".formatted(choice.name()), choice.summary());
    }

    /** {@code text} after {@code lead}, wrapped at a terminal's width, continuation lines indented like the first. */
    private static List<String> wrapped(String lead, String text) {
        int width = 100;
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(lead);
        for (String word : text.split(" ")) {
            if (line.length() > lead.length() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(" ".repeat(lead.length()));
            }
            if (line.length() > lead.length() && !line.toString().isBlank()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String catalogueFooter() {
        List<String> lines = new ArrayList<>();
        for (Lab lab : Catalogue.LABS) {
            if (!lab.implemented()) {
                continue;
            }
            Experiment experiment = lab.newExperiment().orElseThrow();
            lines.add("  %s  %s".formatted(lab.id(), lab.title()));
            if (!experiment.implementations().isEmpty()) {
                lines.addAll(wrapped("         --impl    ", names(experiment.implementations())));
            }
            if (!experiment.scenarios().isEmpty()) {
                lines.addAll(wrapped("         --inject  ", names(experiment.scenarios())));
            }
            if (!experiment.settings().isEmpty()) {
                lines.addAll(wrapped("         options   ", String.join(", ", experiment.settings().stream().map(Setting::option).toList())));
            }
        }
        lines.add("");
        lines.add("'labs run LAB --help' describes each option, implementation and scenario of that lab.");
        return String.join("%n", lines.stream().map(l -> l.replace("%", "%%")).toList()) + "%n";
    }
}
