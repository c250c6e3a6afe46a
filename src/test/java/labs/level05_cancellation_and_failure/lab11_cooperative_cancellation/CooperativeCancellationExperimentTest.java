package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.Request;
import org.junit.jupiter.api.Test;

/** {@code labs run lab11}: what it offers, and bad input refused in one line before anything starts. */
class CooperativeCancellationExperimentTest {

    private final CooperativeCancellationExperiment experiment = new CooperativeCancellationExperiment();

    @Test
    void itOffersExactlyTheRegisteredImplementations() {
        assertThat(experiment.implementations()).extracting(Choice::name).as("--impl choices")
                .containsExactlyElementsOf(JobRunner.IMPLEMENTATIONS.names());
    }

    @Test
    void itOffersAScenarioForEachFailureOfTheLab() {
        assertThat(experiment.scenarios()).extracting(Choice::name).as("--inject choices")
                .containsExactly("ignores-cancellation", "resource-never-freed", "cancel-races-completion", "cancel-during-cleanup");
    }

    @Test
    void outOfRangeSettingsAreRefusedNamingTheRange() {
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab11").with("steps", 0))).isInstanceOf(BadInputException.class)
                .hasMessage("--steps must be a whole number from 1 to 10000 (got 0)");
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab11").with("step-ms", -5)))
                .hasMessage("--step-ms must be a whole number from 1 to 10000 (got -5)");
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab11").with("cancel-after-ms", "soon")))
                .hasMessage("--cancel-after-ms must be a whole number from 0 to 60000 (got 'soon')");
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab11").with("runs", 0)))
                .hasMessage("--runs must be a whole number from 1 to 100000 (got 0)");
    }

    @Test
    void anUnknownScenarioOrImplementationIsRefusedNamingWhatIsAllowed() {
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab11").with("inject", "chaos"))).isInstanceOf(BadInputException.class)
                .hasMessage("unknown scenario 'chaos' for lab11 (--inject); allowed: ignores-cancellation, resource-never-freed, "
                        + "cancel-races-completion, cancel-during-cleanup");
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab11").with("impl", "flag-only")))
                .hasMessage("unknown implementation 'flag-only' for lab11 (--impl); allowed: platform, virtual, reactor, rxjava");
    }
}
