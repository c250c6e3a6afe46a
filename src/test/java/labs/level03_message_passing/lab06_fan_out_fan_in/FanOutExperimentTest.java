package labs.level03_message_passing.lab06_fan_out_fan_in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import labs.support.BadInputException;
import labs.support.Choice;
import labs.support.Request;
import org.junit.jupiter.api.Test;

/** {@code labs run lab06}: what it offers, and bad input refused in one line before anything starts. */
class FanOutExperimentTest {

    private final FanOutExperiment experiment = new FanOutExperiment();

    @Test
    void itOffersExactlyTheRegisteredImplementations() {
        assertThat(experiment.implementations()).extracting(Choice::name).as("--impl choices")
                .containsExactlyElementsOf(FanOutFanIn.IMPLEMENTATIONS.names());
    }

    @Test
    void aFailingBranchNeedsASiblingToFailBesideAndOneBranchIsRefused() {
        Request oneBranch = Request.defaults("lab06").with("inject", "failing-branch").with("branches", 1);

        assertThatThrownBy(() -> experiment.prepare(oneBranch)).isInstanceOf(BadInputException.class)
                .hasMessage("--inject failing-branch needs --branches 2 or more (branch 1 fails while branch 0 is in its long call; got 1)");
    }

    @Test
    void tooManyBranchesAreRefusedNamingTheRange() {
        assertThatThrownBy(() -> experiment.prepare(Request.defaults("lab06").with("branches", 257))).isInstanceOf(BadInputException.class)
                .hasMessage("--branches must be a whole number from 1 to 256 (got 257)");
    }
}
