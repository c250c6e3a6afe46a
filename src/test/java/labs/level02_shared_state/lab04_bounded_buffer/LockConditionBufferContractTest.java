package labs.level02_shared_state.lab04_bounded_buffer;

class LockConditionBufferContractTest extends BoundedBufferContract {
    @Override
    BoundedBuffer<String> create(int capacity) {
        return new LockConditionBuffer<>(capacity);
    }
}
