package labs.level02_shared_state.lab04_bounded_buffer;

/**
 * A {@link BoundedBuffer} with a defined shutdown, the part {@code ArrayBlockingQueue} does not have.
 *
 * <ul>
 *   <li>After {@link #close}, {@code put}/{@code offer} throw {@link BufferClosedException} at once,
 *       and so does every producer that was waiting for room: producers fail fast.</li>
 *   <li>Consumers drain: {@code take}/{@code poll} still return the items already inside, in order;
 *       only when the buffer is closed <em>and</em> empty do they throw {@link BufferClosedException},
 *       and every consumer that was waiting wakes up to do so. Nothing put before close is lost.</li>
 *   <li>{@code close} never waits for room or items; it takes the buffer's lock briefly (to set the
 *       flag and wake every waiter), and may be called any number of times.</li>
 * </ul>
 */
public interface ClosableBuffer<T> extends BoundedBuffer<T>, AutoCloseable {

    @Override
    void close();

    boolean isClosed();
}
