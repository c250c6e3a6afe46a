package labs.level02_shared_state.lab04_bounded_buffer;

import java.util.Objects;
import java.util.function.ToLongFunction;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A slow consumer drawn as a line, for the lab04 diagrams: {@code requests: 40ms r 19ms R} means
 * "the consumer asks for nothing until 40 ms, then for one item, then for the rest at 60 ms".
 * The marble engine's own subscriber asks at once (unbounded, or one at a time), so the consumer's
 * demand is put between the operator and that subscriber: upstream is asked for what both have
 * asked for, {@code min(consumer's requests, test subscriber's requests)} in total. With the
 * unbounded test subscriber that is exactly the drawn requests; requesting one at a time changes
 * nothing the diagram shows, because the test subscriber always wants the next item at once.
 *
 * <p>Within one frame the source's signals come first, then the consumer's request: the requests
 * line is subscribed after the source, and the engine runs same-frame events in subscription order
 * on both libraries. That is the order of the lab's virtual-time tests, which advance time to
 * 40 ms (the producer emits) and then request.
 *
 * <p>Single-threaded by construction: everything runs in virtual time on the test's thread.
 * When the source terminates or the test subscriber cancels, the requests line is cancelled too,
 * so no line stays subscribed (the engine checks that).
 */
final class ConsumerDemand<T> implements Publisher<T> {

    private final Publisher<T> source;
    private final Publisher<String> requests;
    private final ToLongFunction<String> amount;

    /** {@code amount} turns a symbol of the requests line into {@code n} for {@code request(n)}. */
    ConsumerDemand(Publisher<T> source, Publisher<String> requests, ToLongFunction<String> amount) {
        this.source = Objects.requireNonNull(source, "source");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.amount = Objects.requireNonNull(amount, "amount");
    }

    @Override
    public void subscribe(Subscriber<? super T> downstream) {
        Gate gate = new Gate(downstream);
        source.subscribe(gate);
        if (!gate.stopped) {
            requests.subscribe(gate.consumer);
        }
    }

    private final class Gate implements Subscriber<T>, Subscription {
        final Subscriber<? super T> downstream;
        final Consumer consumer = new Consumer();
        Subscription upstream;
        long consumerDemand;
        long subscriberDemand;
        long requested;
        boolean stopped;

        Gate(Subscriber<? super T> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Subscription s) {
            upstream = s;
            downstream.onSubscribe(this);
        }

        @Override
        public void onNext(T item) {
            downstream.onNext(item);
        }

        @Override
        public void onError(Throwable error) {
            stop();
            downstream.onError(error);
        }

        @Override
        public void onComplete() {
            stop();
            downstream.onComplete();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                downstream.onError(new IllegalArgumentException("§3.9 violated: request(" + n + ")"));
                return;
            }
            subscriberDemand = add(subscriberDemand, n);
            flush();
        }

        @Override
        public void cancel() {
            stop();
            upstream.cancel();
        }

        private void stop() {
            stopped = true;
            consumer.cancel();
        }

        /** Asks upstream for what both the consumer and the test subscriber have asked for. */
        void flush() {
            long target = Math.min(consumerDemand, subscriberDemand);
            if (stopped || target <= requested) {
                return;
            }
            long n = target == Long.MAX_VALUE ? Long.MAX_VALUE : target - requested;
            requested = target; // before request: request may deliver, and onNext may call flush again
            upstream.request(n);
        }

        /** The subscriber of the requests line: each symbol is the consumer's {@code request(n)}. */
        final class Consumer implements Subscriber<String> {
            Subscription subscription;
            boolean cancelled;

            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                if (cancelled) {
                    s.cancel();
                } else {
                    s.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(String symbol) {
                consumerDemand = add(consumerDemand, amount.applyAsLong(symbol));
                flush();
            }

            @Override
            public void onError(Throwable error) {
                Gate.this.cancel();
                downstream.onError(error);
            }

            @Override
            public void onComplete() {
                // The consumer asks for nothing more; what it asked for stands.
            }

            void cancel() {
                cancelled = true;
                if (subscription != null) {
                    subscription.cancel();
                }
            }
        }
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
