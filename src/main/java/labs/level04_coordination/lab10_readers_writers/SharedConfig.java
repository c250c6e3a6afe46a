package labs.level04_coordination.lab10_readers_writers;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import labs.support.Implementation;
import labs.support.Implementations;

/**
 * The lab10 contract: a read-mostly shared configuration, a map of non-null strings that many
 * threads read all the time and a few threads change now and then. See the lab's README.md.
 *
 * <ol>
 *   <li><b>Atomic updates.</b> {@link #update} takes effect all at once: no {@link #get},
 *       {@link #snapshot} or {@link #read} on any thread sees some of its entries and not the
 *       others (no torn read).</li>
 *   <li><b>Linearizable.</b> Every call takes effect at one instant between its start and its
 *       return: once {@code update} has returned, every later read on any thread sees it
 *       (Lincheck checks this against a plain map).</li>
 *   <li><b>{@code putIfAbsent} is one step.</b> Of several calls for one absent key exactly one sets
 *       it, and every other returns the value it set: the check and the insert are not two steps
 *       another writer can come between.</li>
 *   <li><b>No call waits for itself.</b> A write called on a thread that is inside {@link #read}
 *       never blocks for ever: a {@link Sharing#LOCKED} variant refuses it at once with an
 *       {@link IllegalStateException} (a read lock cannot become a write lock), a
 *       {@link Sharing#SNAPSHOTS} variant carries it out (its reader holds no lock).</li>
 *   <li><b>No writer starvation.</b> A writer waits at most for the readers already inside when it
 *       arrived ({@code LOCKED}), or for none ({@code SNAPSHOTS}): a reader that arrives after a
 *       waiting writer goes in after it.</li>
 *   <li><b>Closed is closed.</b> After {@link #close} has returned, every call throws an
 *       {@link IllegalStateException} naming the config and the call; closing twice is harmless.</li>
 *   <li><b>Bad input</b> fails at once with one line and changes nothing: a null key, value, map of
 *       changes or reading function.</li>
 * </ol>
 *
 * <p>Two lists. {@link #IMPLEMENTATIONS} keep every clause: the contract test and Lincheck run each
 * of them. {@link #LESSONS} break one clause on purpose, each the fix of another variant with its
 * key line taken out; their own tests show how they break. {@code labs run lab10} offers both. The
 * read-to-write upgrade that deadlocks is a lesson of its own, {@link ReadToWriteUpgrade}: it has
 * only the one call that shows it.
 */
public interface SharedConfig extends AutoCloseable {

    /** The variants that keep the whole contract, by the name {@code --impl} takes. */
    Implementations<Supplier<SharedConfig>> IMPLEMENTATIONS = Implementations.of("lab10",
            new Implementation<>("rwlock", "a HashMap under a non-fair ReentrantReadWriteLock; putIfAbsent checks under the read lock, re-checks under the write lock",
                    () -> new ReadWriteLockConfig(false)),
            new Implementation<>("rwlock-fair", "the same under a fair ReentrantReadWriteLock: the lock is granted in arrival order",
                    () -> new ReadWriteLockConfig(true)),
            new Implementation<>("stamped", "a ConcurrentHashMap under a StampedLock: optimistic reads validated by the stamp, tryConvertToWriteLock",
                    StampedLockConfig::new),
            new Implementation<>("copy-on-write", "an immutable Map in an AtomicReference: readers never wait, a writer copies and compareAndSets",
                    CopyOnWriteConfig::new),
            new Implementation<>("reactor-lane", "every write a task on one Scheduler.Worker (single()); readers see immutable snapshots from a replay-latest sink",
                    ReactorLaneConfig::new),
            new Implementation<>("rxjava-lane", "every write a task on one Scheduler.Worker (single()); readers see immutable snapshots from a BehaviorProcessor",
                    RxJavaLaneConfig::new));

    /** The variants kept as lessons, each with the clause it breaks. */
    Implementations<Lesson> LESSONS = Implementations.of("lab10",
            new Implementation<>("concurrent-map", "a ConcurrentHashMap, update = putAll: every call thread-safe, an update not atomic",
                    new Lesson(Clause.ATOMIC_UPDATES, ConcurrentMapConfig::new)),
            new Implementation<>("reader-preference", "the textbook readers-preference lock: a new reader never waits for a waiting writer",
                    new Lesson(Clause.NO_WRITER_STARVATION, ReaderPreferenceConfig::new)));

    /** A short name, as {@code labs run lab10 --impl NAME} takes it. */
    String name();

    /** How readers and writers meet in this variant: what clauses 4 and 5 promise of it. */
    Sharing sharing();

    /** The value under {@code key}, or {@code null} if there is none. */
    String get(String key);

    /** Every entry, as of one instant: an immutable copy. */
    Map<String, String> snapshot();

    /**
     * Calls {@code reading} with every entry as of one instant and returns what it returns: for
     * reading several keys that must agree (two {@code get}s can fall either side of an update).
     * The map it is given is read-only and valid only during the call.
     */
    <R> R read(Function<? super Map<String, String>, ? extends R> reading);

    /** Sets every entry of {@code changes}, all at once. */
    void update(Map<String, String> changes);

    /** Sets {@code key} to {@code value} unless it has a value; returns the value it had, or {@code null} if this call set it. */
    String putIfAbsent(String key, String value);

    /** Refuses every later call; safe to call twice. */
    @Override
    void close();

    /** How readers and writers meet: the two families of this lab. */
    enum Sharing {
        /** Readers hold a lock while they read: a writer waits for the readers inside. */
        LOCKED,
        /** Readers read an immutable snapshot and hold nothing: a writer never waits for them. */
        SNAPSHOTS
    }

    /** A clause of the contract above, as a lesson breaks it. */
    enum Clause {
        ATOMIC_UPDATES("1 (atomic updates)"),
        NO_WRITER_STARVATION("5 (no writer starvation)");

        private final String label;

        Clause(String label) {
            this.label = label;
        }

        /** {@code "1 (atomic updates)"}: the clause as the README numbers it. */
        public String label() {
            return label;
        }
    }

    /** A variant kept to show a failure: the clause it breaks, and how to make one. */
    record Lesson(Clause breaks, Supplier<SharedConfig> make) {
        public Lesson {
            Objects.requireNonNull(breaks, "breaks");
            Objects.requireNonNull(make, "make");
        }
    }

    static String checkKey(String key) {
        return Objects.requireNonNull(key, "key must not be null (a shared config maps non-null strings to non-null strings)");
    }

    static String checkValue(String value) {
        return Objects.requireNonNull(value, "value must not be null (a shared config maps non-null strings to non-null strings)");
    }

    static <F> F checkReading(F reading) {
        return Objects.requireNonNull(reading, "reading function must not be null");
    }

    /**
     * A checked copy of {@code changes}, made before anything is locked or changed: a null anywhere
     * is refused with one line and nothing is applied. The copy also means a caller changing its
     * map afterwards cannot reach into the config.
     */
    static Map<String, String> checkChanges(Map<String, String> changes) {
        Objects.requireNonNull(changes, "changes must not be null (pass an empty map to change nothing)");
        Map<String, String> copy = new LinkedHashMap<>();
        changes.forEach((key, value) -> {
            if (key == null) {
                throw new NullPointerException("changes has a null key; keys and values must not be null");
            }
            if (value == null) {
                throw new NullPointerException("changes has a null value under '" + key + "'; keys and values must not be null");
            }
            copy.put(key, value);
        });
        return copy;
    }

    /** {@code base} with {@code changes} applied, as a new immutable map: what a snapshot variant publishes. */
    static Map<String, String> merged(Map<String, String> base, Map<String, String> changes) {
        Map<String, String> next = new HashMap<>(base);
        next.putAll(changes);
        return Map.copyOf(next);
    }

    /** The one error for a call after {@link #close}: it names the config and the call. */
    static IllegalStateException closed(String name, String call) {
        return new IllegalStateException("shared config '" + name + "' is closed: " + call + " refused");
    }

    /** The one error for a write on a thread that holds the config's read lock (clause 4). */
    static IllegalStateException upgradeRefused(String name, String call) {
        return new IllegalStateException("shared config '" + name + "': " + call + " inside read() refused: this thread holds the read lock,"
                + " and a write lock is granted only once every reader has left, this one included (it would wait for itself for ever)");
    }
}
