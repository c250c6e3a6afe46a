package labs.level02_shared_state.lab04_bounded_buffer;

/** Thrown to producers once a {@link ClosableBuffer} is closed, and to consumers once it is also empty. */
public final class BufferClosedException extends IllegalStateException {

    public BufferClosedException(String message) {
        super(message);
    }
}
