package labs.level04_coordination.lab09_run_once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import labs.support.Implementation;
import labs.support.Staged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lessons of {@link RunOnce#LESSONS}, broken on purpose, staged so that the race they lose
 * happens on every run: two callers both find no value, both run the initializer (each held at its
 * own gate), and the test lets the runs finish in the order it wants. Races left to chance are
 * jcstress's ({@code src/jcstress/java}, FAILURE.md); the missing {@code volatile} shows only there.
 */
class LessonsTest {

    static Stream<Implementation<RunOnce.Lesson>> lessons() {
        return RunOnce.LESSONS.stream();
    }

    @Test
    void twoRacyCallersBothRunTheInitializerAndKeepDifferentValues() throws InterruptedException {
        try (CountingInitializer init = CountingInitializer.held()) {
            RunOnce<Made> lazy = new RacyLazy<>(init);
            Staged<Made> first = Staged.start("lab09-first-caller", lazy::get);
            init.awaitRun(1);
            Staged<Made> second = Staged.start("lab09-second-caller", lazy::get);
            init.awaitRun(2); // the second caller found no value either: check-then-act, unguarded

            init.release(2);
            Made secondGot = second.join().value();
            init.release(1);
            Made firstGot = first.join().value();

            assertThat(init.runs()).as("runs of the initializer (clause 2 broken)").isEqualTo(2);
            assertThat(firstGot).as("what the two callers got (clause 1 broken)").isNotSameAs(secondGot);
            assertThat(lazy.get()).as("what every later caller gets: the last write; the second caller's value is orphaned")
                    .isSameAs(firstGot);
        }
    }

    @Test
    void twoCasCallersBothRunTheInitializerButTheLoserAdoptsTheWinnersValueAndClosesItsOwn() throws InterruptedException {
        try (CountingInitializer init = CountingInitializer.held()) {
            RunOnce<Made> lazy = new CasLazy<>(init);
            Staged<Made> first = Staged.start("lab09-first-caller", lazy::get);
            init.awaitRun(1);
            Staged<Made> second = Staged.start("lab09-second-caller", lazy::get);
            init.awaitRun(2);

            init.release(2); // the second run finishes first and wins the compareAndSet
            Made secondGot = second.join().value();
            init.release(1);
            Made firstGot = first.join().value();

            assertThat(init.runs()).as("runs of the initializer (clause 2 broken)").isEqualTo(2);
            assertThat(firstGot).as("what the loser returned: the winner's value (clause 1 kept)").isSameAs(secondGot);
            assertThat(secondGot.run()).as("the published value: made by run").isEqualTo(2);
            assertThat(init.made()).as("the values made: run 2's (published) and run 1's (the loser's duplicate)").hasSize(2);
            assertThat(init.made().getLast().closed()).as("the loser's own value, made by run %d, closed", init.made().getLast().run()).isTrue();
            assertThat(secondGot.closed()).as("the published value closed").isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void everyLessonRejectsANullInitializerWhenBuilt(Implementation<RunOnce.Lesson> lesson) {
        assertThatThrownBy(() -> lesson.create().make().of(null)).as("building " + lesson.name() + " with a null initializer")
                .isInstanceOf(NullPointerException.class).hasMessage(RunOnce.NULL_INITIALIZER);
    }
}
