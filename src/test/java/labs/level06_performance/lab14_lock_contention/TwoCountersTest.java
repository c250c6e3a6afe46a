package labs.level06_performance.lab14_lock_contention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import java.util.stream.Stream;
import labs.support.Hint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The false-sharing layouts are correct whatever their speed: with one writer per field,
 * {@code volatile} and {@code ++} lose nothing. (How fast each is, is the CLI's and JMH's; where the
 * fields lie is DESIGN.md's, with the command that prints the layout.)
 */
class TwoCountersTest {

    static Stream<Arguments> layouts() {
        return Stream.of(Arguments.of("adjacent", (Supplier<TwoCounters>) AdjacentCounters::new),
                Arguments.of("padded", (Supplier<TwoCounters>) PaddedCounters::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    @Hint("Each field has one writer: a volatile field written by one thread needs no lock and loses nothing.")
    void eachCountHoldsExactlyWhatItsOneWriterAdded(String layout, Supplier<TwoCounters> make) {
        TwoWriters.Outcome outcome = TwoWriters.run(make.get(), 50_000, () -> false);

        assertThat(outcome.first()).as("the first count (%s), after its writer added %d", layout, outcome.addedFirst()).isEqualTo(50_000);
        assertThat(outcome.second()).as("the second count (%s), after its writer added %d", layout, outcome.addedSecond()).isEqualTo(50_000);
    }
}
