package labs.level04_coordination.lab10_readers_writers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import labs.support.Hint;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * Writer starvation, staged step by step on the {@code reader-preference} lesson: a writer that
 * arrives while a reader is inside waits, and every reader that arrives after it walks past it, so
 * while readers overlap the writer never gets in. No timing: each step waits for a state (a thread
 * inside {@code read}, a writer parked), and the writer's "still waiting" is not luck — it cannot
 * get in while a reader is inside. {@code SharedConfigContractTest.aWriterWaitsOnlyForTheReadersAlreadyInsideWhenItArrived}
 * is the same staging, passed by every variant that keeps clause 5. The live measure, the longest
 * writer wait under a stream of readers: {@code labs run lab10 --inject reader-stream}.
 */
class ReaderPreferenceStarvationTest {

    @Test
    @Hint("The readers-preference lock lets a reader in whenever no writer is inside; a waiting writer does not count. Who gets in while readers overlap?")
    void readersArrivingWhileAWriterWaitsGoInFirstAndKeepItOutForAsLongAsTheyOverlap() throws InterruptedException {
        SharedConfig config = SharedConfig.LESSONS.create("reader-preference").make().get();
        try {
            config.update(Map.of("k", "old"));
            ParkedReader a = ParkedReader.enter("reader-A", config, "k");
            Staged<Boolean> w = Staged.run("writer-W", () -> config.update(Map.of("k", "new")));
            Watch.until("writer W waiting for reader A", () -> Watch.isParked(w.thread()));

            ParkedReader b = ParkedReader.enter("reader-B", config, "k"); // returns only once B is inside: past the waiting W
            assertThat(a.leave()).as("what reader A saw under k").containsExactly("old", "old");
            assertThat(w.outcomeSoFar()).as("writer W once A, the reader it arrived behind, had left (B is inside)").isNull();

            ParkedReader c = ParkedReader.enter("reader-C", config, "k");
            assertThat(b.leave()).as("what reader B saw under k: it arrived after W and went in before it").containsExactly("old", "old");
            assertThat(w.outcomeSoFar()).as("writer W once B had left (C is inside)").isNull();

            assertThat(c.leave()).as("what reader C saw under k: it arrived after W and went in before it").containsExactly("old", "old");
            assertThat(w.join().succeeded()).as("writer W's update, once no reader was inside at last").isTrue();
            assertThat(config.get("k")).as("k after W's update").isEqualTo("new");
        } finally {
            config.close();
        }
    }
}
