package labs.support.marbles;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * An input line as a Reactive Streams {@link Publisher} of one-character strings, on a virtual clock.
 *
 * <p><b>Cold</b>: every subscriber gets its own copy, shifted to start at its subscription frame.
 * <b>Hot</b>: events happen at fixed frames whoever listens; a subscriber sees those at or after
 * its subscription (and a terminal that already happened, at once).
 *
 * <p><b>Backpressure</b> (RxJS has none, Reactive Streams must): an event due while the subscriber
 * has no demand waits in a per-subscription queue and is delivered the moment demand arrives; a
 * terminal signal waits behind the values before it. So a source is never the one that breaks the
 * rules, and demand-driven operators (such as {@code flatMap} with a concurrency bound) pull items
 * later than drawn — which the diagram then shows.
 *
 * <p>Every subscription is logged (subscribed and ended frames) for {@code NAME subs:} lines and for
 * the leak checks of the cancellation runs.
 */
final class LineSource implements Publisher<String> {

    private final String name;
    private final Timeline timeline;
    private final boolean hot;
    private final VirtualClock clock;
    private final String errorMessage;
    private final List<Tap> taps = new ArrayList<>();
    private Event hotTerminal;

    LineSource(String name, Timeline timeline, boolean hot, VirtualClock clock, String errorMessage) {
        this.name = name;
        this.timeline = timeline;
        this.hot = hot;
        this.clock = clock;
        this.errorMessage = errorMessage;
        if (hot) {
            for (Event event : timeline.events()) {
                if (event.frame() >= 0) {
                    clock.schedule(event.frame(), () -> publishHot(event));
                }
            }
        }
    }

    String name() {
        return name;
    }

    List<SubscriptionSpan> subscriptions() {
        return taps.stream().map(t -> new SubscriptionSpan(t.subscribed, t.ended)).toList();
    }

    @Override
    public void subscribe(Subscriber<? super String> subscriber) {
        Tap tap = new Tap(subscriber, clock.now());
        taps.add(tap);
        subscriber.onSubscribe(tap);
        if (hot) {
            if (hotTerminal != null) {
                tap.offer(hotTerminal);
            }
        } else {
            long start = clock.now();
            for (Event event : timeline.events()) {
                clock.schedule(start + event.frame(), () -> tap.offer(event));
            }
        }
    }

    private void publishHot(Event event) {
        if (event.isTerminal()) {
            hotTerminal = event;
        }
        for (Tap tap : List.copyOf(taps)) {
            tap.offer(event);
        }
    }

    /** One subscription: its queue, its demand, and its log entry. Single-threaded (virtual time). */
    private final class Tap implements Subscription {
        final Subscriber<? super String> subscriber;
        final long subscribed;
        long ended = SubscriptionSpan.OPEN;
        final Queue<Event> queue = new ArrayDeque<>();
        long demand;
        boolean draining;
        boolean again;

        Tap(Subscriber<? super String> subscriber, long subscribed) {
            this.subscriber = subscriber;
            this.subscribed = subscribed;
        }

        void offer(Event event) {
            if (ended != SubscriptionSpan.OPEN) {
                return;
            }
            queue.add(event);
            drain();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                end();
                subscriber.onError(new IllegalArgumentException("§3.9 violated: request(" + n + ") from the subscriber of line '" + name + "'"));
                return;
            }
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            drain();
        }

        @Override
        public void cancel() {
            end();
            queue.clear();
        }

        private void end() {
            if (ended == SubscriptionSpan.OPEN) {
                ended = clock.now();
            }
        }

        /** Delivers what demand allows; re-entrant calls (request from inside onNext) just loop again. */
        private void drain() {
            if (draining) {
                again = true;
                return;
            }
            draining = true;
            try {
                do {
                    again = false;
                    while (ended == SubscriptionSpan.OPEN && !queue.isEmpty()) {
                        Event head = queue.peek();
                        if (head.kind() == Event.Kind.NEXT) {
                            if (demand == 0) {
                                break;
                            }
                            queue.poll();
                            if (demand != Long.MAX_VALUE) {
                                demand--;
                            }
                            subscriber.onNext(String.valueOf(head.symbol()));
                        } else {
                            queue.clear();
                            end();
                            if (head.kind() == Event.Kind.COMPLETE) {
                                subscriber.onComplete();
                            } else {
                                subscriber.onError(new MarbleError(errorMessage));
                            }
                        }
                    }
                } while (again);
            } finally {
                draining = false;
            }
        }
    }
}
