package labs.level04_coordination.lab10_readers_writers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Stream;
import labs.support.Hint;
import labs.support.Implementation;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lab10 contract (see {@link SharedConfig} and the lab's README), checked once for every variant
 * in {@link SharedConfig#IMPLEMENTATIONS}; the reports name each one. Clauses 1–3 under concurrency
 * are {@link SharedConfigLincheckTest}'s job; here they are checked on one thread, and clauses 4–7
 * are staged: a reader parked inside {@code read} ({@link ParkedReader}), a writer that must wait for
 * it or must not. The lessons are not run here: their own tests show how they break.
 */
class SharedConfigContractTest {

    static Stream<Implementation<Supplier<SharedConfig>>> implementations() {
        return SharedConfig.IMPLEMENTATIONS.stream();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Nothing has been set yet: every read must say so, none may throw.")
    void aNewConfigHasNoEntries(Implementation<Supplier<SharedConfig>> impl) throws Throwable {
        with(impl, config -> {
            assertThat(config.get("a")).as("get(\"a\") of a new config").isNull();
            assertThat(config.snapshot()).as("snapshot() of a new config").isEmpty();
            assertThat(config.read(Map::size).intValue()).as("entries read() saw in a new config").isZero();
        });
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("An update sets the keys it names and leaves the others; every read after it returned, on this thread, sees it.")
    void anUpdateIsSeenByEveryReadAfterItReturnedAndKeepsTheKeysItDoesNotName(Implementation<Supplier<SharedConfig>> impl) throws Throwable {
        with(impl, config -> {
            config.update(Map.of("host", "a.example", "port", "80"));
            config.update(Map.of("port", "8080"));

            assertThat(config.get("host")).as("get(\"host\") after two updates, the second not naming it").isEqualTo("a.example");
            assertThat(config.get("port")).as("get(\"port\") after the second update").isEqualTo("8080");
            assertThat(config.snapshot()).as("snapshot() after the two updates").isEqualTo(Map.of("host", "a.example", "port", "8080"));
            String hostAndPort = config.read(entries -> entries.get("host") + ":" + entries.get("port"));
            assertThat(hostAndPort).as("host:port read together with read()").isEqualTo("a.example:8080");
        });
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("putIfAbsent answers null when it set the key, and the value already there when it did not (and then changes nothing).")
    void putIfAbsentSetsAnAbsentKeyAndOtherwiseReturnsTheValueAlreadyThere(Implementation<Supplier<SharedConfig>> impl) throws Throwable {
        with(impl, config -> {
            assertThat(config.putIfAbsent("mode", "blue")).as("putIfAbsent of an absent key (null: this call set it)").isNull();
            assertThat(config.putIfAbsent("mode", "green")).as("putIfAbsent of a key already set").isEqualTo("blue");
            assertThat(config.get("mode")).as("the value after both calls").isEqualTo("blue");
        });
    }

    /**
     * Guards the tempting putIfAbsent of a read-write lock: look under the read lock, then ask for
     * the write lock without letting the read lock go. That waits for itself, on one thread, the
     * first time a key is absent ({@link ReadToWriteUpgrade}); the bounded join turns it into a failure.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A write lock is granted only when no thread holds the read lock, this one included: let the read lock go before asking for the write lock, then look again.")
    void putIfAbsentOfAnAbsentKeyOnOneThreadNeverWaitsForItself(Implementation<Supplier<SharedConfig>> impl) throws Throwable {
        with(impl, config -> {
            Staged<String> putter = Staged.start("putter", () -> String.valueOf(config.putIfAbsent("fresh", "1")));
            Result<String> outcome = putter.join();
            assertThat(outcome.succeeded()).as("putIfAbsent of an absent key returned (it threw " + (outcome.succeeded() ? "nothing" : outcome.error()) + ")").isTrue();
            assertThat(config.get("fresh")).as("the key it set").isEqualTo("1");
        });
    }

    /** A smoke check of the same on four threads at once: Lincheck's {@code putIfAbsent || putIfAbsent} is the proof. */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Look and set must be one step: between a look that saw nothing and the set, another writer may have set the key. Look again once you hold the right to write.")
    void ofFourThreadsPuttingOneAbsentKeyExactlyOneSetsItAndTheOthersGetItsValue(Implementation<Supplier<SharedConfig>> impl) throws Throwable {
        with(impl, config -> {
            CountDownLatch go = new CountDownLatch(1);
            List<Staged<String>> putters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String value = "v" + i;
                putters.add(Staged.start("putter-" + i, () -> {
                    Watch.await("the start signal", go);
                    return String.valueOf(config.putIfAbsent("leader", value));
                }));
            }
            go.countDown();
            List<String> answers = new ArrayList<>();
            for (Staged<String> putter : putters) {
                answers.add(putter.join().value());
            }
            String winner = config.get("leader");
            assertThat(answers).as("what the four putIfAbsent calls returned ('null': this call set it); the key holds " + winner)
                    .containsOnlyOnce("null")
                    .containsOnly("null", winner);
        });
    }

    /**
     * Clause 5, staged. Reader A is parked inside {@code read}; writer W updates. A snapshot variant
     * lets W through at once, and A's view does not change under it. A locked variant makes W wait
     * for A; reader B, arriving while W waits, must then go in after W, not before it — the
     * readers-preference lock lets B in first, and a stream of such readers starves W
     * ({@code ReaderPreferenceStarvationTest}).
     */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A reader that arrives while a writer is waiting must queue behind that writer, or overlapping readers keep the writer out for ever.")
    void aWriterWaitsOnlyForTheReadersAlreadyInsideWhenItArrived(Implementation<Supplier<SharedConfig>> impl) throws Throwable {
        with(impl, config -> {
            config.update(Map.of("k", "old"));
            try (ParkedReader a = ParkedReader.enter("reader-A", config, "k")) {
                Staged<Boolean> w = Staged.run("writer-W", () -> config.update(Map.of("k", "new")));
                if (config.sharing() == SharedConfig.Sharing.SNAPSHOTS) {
                    Result<Boolean> written = w.join();
                    assertThat(written.succeeded()).as("writer W's update while reader A is inside read() (a snapshot variant: W must not wait)").isTrue();
                    assertThat(a.left()).as("has reader A left read()").isFalse();
                    assertThat(a.leave()).as("what reader A saw under k, on entering and on leaving, W's update in between").containsExactly("old", "old");
                    assertThat(config.get("k")).as("k after W's update").isEqualTo("new");
                    return;
                }
                Watch.until("writer W waiting for reader A", () -> Watch.isParked(w.thread()));
                Staged<String> b = Staged.start("reader-B", () -> config.get("k"));
                Watch.until("reader B either read or is waiting", () -> b.outcomeSoFar() != null || Watch.isParked(b.thread()));
                assertThat(a.leave()).as("what reader A saw under k while W waited").containsExactly("old", "old");
                assertThat(w.join().succeeded()).as("writer W's update, once A had left").isTrue();
                assertThat(b.join().value()).as("what reader B read: B arrived while W was waiting, so W's value, unless B overtook W").isEqualTo("new");
            }
        });
    }

    /** Clause 4: a write on a thread inside {@code read} never waits for itself; bounded, so a self-deadlock is a failure, not a hang. */
    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A thread that holds a read lock can never get the write lock: it would wait for itself. A locked variant must refuse at once; a snapshot variant holds no lock and can write.")
    void aWriteFromInsideReadOnTheSameThreadIsRefusedOrDoneButNeverWaitsForItself(Implementation<Supplier<SharedConfig>> impl) throws Throwable {
        with(impl, config -> {
            Staged<List<String>> upgrader = Staged.start("upgrader", () -> config.read(entries -> List.of(
                    attempt(() -> config.update(Map.of("k", "1"))),
                    attempt(() -> config.putIfAbsent("p", "1")))));
            Result<List<String>> outcome = upgrader.join();
            assertThat(outcome.succeeded()).as("read() with writes inside it returned (it threw " + (outcome.succeeded() ? "nothing" : outcome.error()) + ")").isTrue();
            if (config.sharing() == SharedConfig.Sharing.LOCKED) {
                assertThat(outcome.value()).as("update and putIfAbsent inside read() on a locked variant")
                        .allSatisfy(answer -> assertThat(answer).startsWith("refused:").contains("inside read()"));
                assertThat(config.snapshot()).as("entries after the refused writes").isEmpty();
            } else {
                assertThat(outcome.value()).as("update and putIfAbsent inside read() on a snapshot variant").containsExactly("done", "done");
                assertThat(config.snapshot()).as("entries after the writes").isEqualTo(Map.of("k", "1", "p", "1"));
            }
        });
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Once close() has returned, every call must fail with an IllegalStateException that names the config and the call; a second close() must not.")
    void afterCloseEveryCallIsRefusedNamingTheConfigAndTheCall(Implementation<Supplier<SharedConfig>> impl) throws Throwable {
        SharedConfig config = impl.create().get();
        config.update(Map.of("k", "v"));
        config.close();
        config.close();

        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("get", () -> config.get("k"));
        calls.put("snapshot", config::snapshot);
        calls.put("read", () -> config.read(Map::size));
        calls.put("update", () -> config.update(Map.of("k", "w")));
        calls.put("putIfAbsent", () -> config.putIfAbsent("q", "w"));
        calls.forEach((call, run) -> assertThatThrownBy(run::run).as(call + " after close()")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + config.name() + "'")
                .hasMessageContaining(call)
                .hasMessageNotContaining("\n"));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("Check every key and value before locking or changing anything: a bad update must leave no trace, and its error must fit on one line.")
    void badInputIsRefusedInOneLineAndChangesNothing(Implementation<Supplier<SharedConfig>> impl) throws Throwable {
        with(impl, config -> {
            config.update(Map.of("k", "v"));
            Map<String, String> nullKey = new LinkedHashMap<>();
            nullKey.put("good", "1");
            nullKey.put(null, "2");
            Map<String, String> nullValue = new HashMap<>();
            nullValue.put("good", null);

            Map<String, Runnable> bad = new LinkedHashMap<>();
            bad.put("get(null)", () -> config.get(null));
            bad.put("putIfAbsent(null, v)", () -> config.putIfAbsent(null, "v"));
            bad.put("putIfAbsent(k, null)", () -> config.putIfAbsent("k2", null));
            bad.put("update(null)", () -> config.update(null));
            bad.put("update with a null key", () -> config.update(nullKey));
            bad.put("update with a null value", () -> config.update(nullValue));
            bad.put("read(null)", () -> config.read(null));
            bad.forEach((call, run) -> assertThatThrownBy(run::run).as(call)
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageNotContaining("\n")
                    .hasMessageContaining("null"));
            assertThat(config.snapshot()).as("entries after every bad call (the update with a null key also had a good one)")
                    .isEqualTo(Map.of("k", "v"));
        });
    }

    @ParameterizedTest
    @MethodSource("implementations")
    @Hint("A reader's map and a snapshot are views nobody may change: not the reader, and not the caller who passed the changes.")
    void whatReadersAreGivenIsReadOnlyAndTheCallersMapIsCopied(Implementation<Supplier<SharedConfig>> impl) throws Throwable {
        with(impl, config -> {
            Map<String, String> changes = new HashMap<>(Map.of("k", "v"));
            config.update(changes);
            changes.put("k", "changed by the caller afterwards");

            assertThat(config.get("k")).as("k after the caller changed its own map").isEqualTo("v");
            assertThatThrownBy(() -> config.snapshot().put("k", "x")).as("put into a snapshot").isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> config.read(entries -> entries.put("k", "x"))).as("put into read()'s map").isInstanceOf(UnsupportedOperationException.class);
            assertThat(config.get("k")).as("k after the refused puts").isEqualTo("v");
        });
    }

    /** Runs {@code check} on a new config of {@code impl} and closes it, whatever happens. */
    private static void with(Implementation<Supplier<SharedConfig>> impl, ThrowingConsumer<SharedConfig> check) throws Throwable {
        SharedConfig config = impl.create().get();
        try {
            check.accept(config);
        } finally {
            config.close();
        }
    }

    /** "done", or "refused: " and the message of the IllegalStateException the write threw. */
    private static String attempt(Runnable write) {
        try {
            write.run();
            return "done";
        } catch (IllegalStateException e) {
            return "refused: " + e.getMessage();
        }
    }
}
