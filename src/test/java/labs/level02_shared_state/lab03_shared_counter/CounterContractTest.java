package labs.level02_shared_state.lab03_shared_counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab03 contract, run against every variant meant to be correct. The broken ones are not run
 * here with a hope-loop; {@link SharedCounterLincheckTest} and the jcstress tests prove them wrong.
 */
class CounterContractTest {

    /**
     * The linearizable variants and rxjava-toSerialized: every check here reads the count only once
     * the incrementing threads are done (quiescent), which is all rxjava-toSerialized promises.
     * Linearizability itself is SharedCounterLincheckTest's job.
     */
    static Stream<Counters> correctCounters() {
        return Arrays.stream(Counters.values()).filter(Counters::losesNothingOnceQuiescent);
    }

    @ParameterizedTest
    @MethodSource("correctCounters")
    void aNewCounterReadsZero(Counters variant) {
        Counter counter = variant.create();
        try {
            assertThat(counter.get()).isZero();
        } finally {
            dispose(counter);
        }
    }

    @ParameterizedTest
    @MethodSource("correctCounters")
    void incrementsOnOneThreadAreAllCounted(Counters variant) {
        Counter counter = variant.create();
        try {
            for (int i = 0; i < 1_000; i++) {
                counter.increment();
            }
            assertThat(counter.get()).isEqualTo(1_000);
        } finally {
            dispose(counter);
        }
    }

    @ParameterizedTest
    @MethodSource("correctCounters")
    void incrementsFromFourContendingThreadsAreAllCountedOnceTheyHaveReturned(Counters variant) throws InterruptedException {
        Counter counter = variant.create();
        try {
            SharedCounterExperiment.hammer(counter, 4, 20_000);
            assertThat(counter.get()).as("no update lost by " + variant.label()).isEqualTo(80_000);
        } finally {
            dispose(counter);
        }
    }

    @ParameterizedTest
    @MethodSource("correctCounters")
    void everyVariantReportsTheNameTheCliUses(Counters variant) {
        Counter counter = variant.create();
        try {
            assertThat(counter.name()).isEqualTo(variant.label());
        } finally {
            dispose(counter);
        }
    }

    static void dispose(Counter counter) {
        if (counter instanceof reactor.core.Disposable d) {
            d.dispose();
        } else if (counter instanceof io.reactivex.rxjava3.disposables.Disposable d) {
            d.dispose();
        }
    }
}
