package labs.cli;

import java.util.Optional;
import java.util.function.Supplier;
import labs.support.Experiment;

/**
 * One entry of the curriculum. A lab is implemented when it has an experiment to run; until then
 * it is listed as planned, so the catalogue always shows the whole curriculum.
 */
record Lab(String id, int level, String levelName, String title, String slug, Supplier<Experiment> experiment) {

    boolean implemented() {
        return experiment != null;
    }

    String status() {
        return implemented() ? "implemented" : "planned";
    }

    /** Where the lab's spec lives, for example {@code docs/labs/level01_independent_execution/lab01_parallel_workers}. */
    String docs() {
        return "docs/labs/level%02d_%s/%s_%s".formatted(level, levelName, id, slug);
    }

    Optional<Experiment> newExperiment() {
        return Optional.ofNullable(experiment).map(Supplier::get);
    }
}
