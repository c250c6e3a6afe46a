package labs.level02_shared_state.lab03_shared_counter;

/**
 * The lab03 contract: a counter that many threads increment at once. See the lab's README.md.
 *
 * <ul>
 *   <li>After {@code n} calls to {@link #increment} have returned, on any threads, {@link #get}
 *       returns at least {@code n}; once no increment is running, exactly {@code n}. No update is lost.</li>
 *   <li>{@link #get} never returns a value that no sequential order of the same calls could give
 *       (linearizability; Lincheck checks it).</li>
 * </ul>
 *
 * <p>{@link RacyCounter} and {@link VolatileCounter} break the first rule on purpose: they are the
 * lesson, kept as named classes so the tools can show the failure.
 */
public interface Counter {

    /** A short name, as used by {@code labs run lab03 --impl NAME}. */
    String name();

    void increment();

    long get();
}
