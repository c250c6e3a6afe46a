package labs.level02_shared_state.lab04_bounded_buffer;

/**
 * A defined shutdown for a {@link HandOff}, the part {@code ArrayBlockingQueue} does not have.
 *
 * <ol>
 *   <li>Producers fail fast: after {@link #close}, {@code put} (and {@code offer}, where there is one)
 *       throws {@link BufferClosedException} at once, and so does every producer that was waiting for room.</li>
 *   <li>Consumers drain: {@code take} (and {@code poll}) still return the items already inside, in
 *       order; only when the buffer is closed <em>and</em> empty do they throw
 *       {@link BufferClosedException}, and every consumer that was waiting wakes up to do so.</li>
 *   <li>Nothing put before close is lost. {@code close} never waits for room or items (it takes the
 *       buffer's lock briefly, to set the flag and wake every waiter) and may be called any number of times.</li>
 * </ol>
 */
public interface ClosableBuffer<T> extends HandOff<T>, AutoCloseable {

    @Override
    void close();

    boolean isClosed();
}
