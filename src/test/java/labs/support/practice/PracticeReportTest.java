package labs.support.practice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import labs.support.Fixture;
import labs.support.Hint;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * What a learner reads after {@code labs check}: each failing property as a sentence with what was
 * observed and the test's hint; each TODO not written yet once, however many checks stopped at it
 * and however they saw it.
 */
class PracticeReportTest {

    @Test
    void aCheckReportNamesEachFailingPropertyWithItsObservationAndHintAndCountsEachTodoOnce() {
        PracticeReport report = new PracticeReport("lab99");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(LearnersLab.class))
                .configurationParameter(Fixture.ENABLED, "true")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
        LauncherFactory.create().execute(request, report);

        String text = report.checkReport("lab99");
        assertThat(text)
                .contains("FAILS  a failing branch cancels its siblings", "branches still running after the failure",
                        "hint: which operator cancels the other inner publishers?")
                .contains("TODO   PracticeReportTest$LearnersLab.notWrittenYet: TODO(lab99): write the core", "(3 checks stop there: not written yet)")
                .contains("4 failing, 1 passing")
                .doesNotContain("FAILS  the core answers");
    }

    /** A learner's half-done lab: one property holds, one fails, three checks reach a TODO three ways. */
    @Fixture
    static class LearnersLab {

        static int notWrittenYet() {
            throw new UnsupportedOperationException("TODO(lab99): write the core");
        }

        @Test
        void theCoreAnswers() {
            assertThat(42).isEqualTo(42);
        }

        @Test
        @Hint("which operator cancels the other inner publishers?")
        void aFailingBranchCancelsItsSiblings() {
            assertThat(3).as("branches still running after the failure").isZero();
        }

        @Test
        void aCheckThatCallsTheTodo() {
            notWrittenYet();
        }

        @Test
        void aCheckThatSeesTheTodoAsACause() {
            try {
                notWrittenYet();
            } catch (UnsupportedOperationException e) {
                throw new IllegalStateException("wrapped", e);
            }
        }

        @Test
        void aCheckThatSeesTheTodoOnlyInAMessage() {
            throw new AssertionError("the diagram failed: java.lang.UnsupportedOperationException: TODO(lab99): write the core\"");
        }
    }
}
