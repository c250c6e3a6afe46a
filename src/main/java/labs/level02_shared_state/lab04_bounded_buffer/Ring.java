package labs.level02_shared_state.lab04_bounded_buffer;

/**
 * The slots, indices and count of a ring of {@code capacity} items, for the two broken variants
 * built on one ({@link IfInsteadOfWhileBuffer}, {@link SignalInsteadOfSignalAllBuffer}), so that
 * each of their files shows its own mistake and nothing else. Not thread-safe: the caller holds
 * its lock. It checks nothing either: a caller that does not wait for room or for an item before
 * calling {@link #add} or {@link #remove} corrupts it, which is the point of one of them.
 *
 * <p>{@link LockConditionBuffer} keeps its ring inline: it is the class a learner writes whole.
 */
final class Ring<T> {

    private final Object[] items;
    private int putIndex;
    private int takeIndex;
    private int count;

    Ring(int capacity) {
        this.items = new Object[BoundedBuffer.checkCapacity(capacity)];
    }

    int count() {
        return count;
    }

    boolean isFull() {
        return count == items.length;
    }

    boolean isEmpty() {
        return count == 0;
    }

    void add(T item) {
        items[putIndex] = item;
        putIndex = (putIndex + 1) % items.length;
        count++;
    }

    T remove() {
        @SuppressWarnings("unchecked")
        T item = (T) items[takeIndex];
        items[takeIndex] = null;
        takeIndex = (takeIndex + 1) % items.length;
        count--;
        return item;
    }
}
