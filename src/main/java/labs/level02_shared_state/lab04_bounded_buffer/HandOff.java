package labs.level02_shared_state.lab04_bounded_buffer;

/**
 * A hand-off between producer and consumer threads: {@code put} gives an item to the buffer,
 * {@code take} gets one back, {@code size} says how many are inside. It is what the lab's
 * experiment moves items through, and all that the broken variants ({@link UnboundedBuffer},
 * {@link IfInsteadOfWhileBuffer}, {@link SignalInsteadOfSignalAllBuffer}) implement, each for real:
 * their bug breaks a clause of {@link BoundedBuffer}'s contract, which they therefore do not claim.
 *
 * <p>It promises no bound, no timed forms and no shutdown: {@link BoundedBuffer} adds the bound and
 * the timed forms, {@link ClosableBuffer} the shutdown.
 */
public interface HandOff<T> {

    /** Hands {@code item} over; may wait for room. A null item fails at once. */
    void put(T item) throws InterruptedException;

    /** Takes the next item; waits while there is none. */
    T take() throws InterruptedException;

    /** Items inside right now (a snapshot: it may change as soon as it is returned). */
    int size();
}
