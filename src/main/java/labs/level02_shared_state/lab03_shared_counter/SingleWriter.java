package labs.level02_shared_state.lab03_shared_counter;

import org.reactivestreams.Publisher;

/**
 * The reactive core of a single-writer counter: increments go in from any thread, and one stream
 * of running totals comes out. No thread adds to a shared total; whoever subscribes to
 * {@link #totals} is the one writer, and Reactive Streams rule 1.3 (no two {@code onNext} at once)
 * is what makes that safe without a lock. {@link SingleWriterCounter} is the blocking edge over it.
 *
 * <p>The four cores differ only in how a call of {@link #increment} becomes an event on the stream
 * ({@link ReactorSingleWriter}, {@link ReactorTryEmitWriter}, {@link RxJavaSerializedWriter},
 * {@link RxJavaUnserializedWriter}); what each does when two threads call at once is the lesson.
 */
public interface SingleWriter {

    /** One increment event, emitted on the calling thread. */
    void increment();

    /**
     * The running total after each increment (1, 2, 3 …). Subscribe once: the subscriber is the
     * single writer. Increments emitted before anyone subscribes are kept or dropped as each core
     * says.
     */
    Publisher<Long> totals();
}
