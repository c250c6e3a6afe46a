package labs.level02_shared_state.lab04_bounded_buffer;

/** The JDK's queue passes the same contract: our buffer is the same design, minus close. */
class ArrayBlockingQueueBufferContractTest extends BoundedBufferContract {
    @Override
    BoundedBuffer<String> create(int capacity) {
        return new ArrayBlockingQueueBuffer<>(capacity);
    }
}
