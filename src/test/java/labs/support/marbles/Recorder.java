package labs.support.marbles;

import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The test's subscriber: records every signal with its frame, in one of two demand modes, and
 * notes any breach of the Reactive Streams rules it can see (more items than requested, signals
 * after a terminal or after it cancelled).
 */
final class Recorder implements Subscriber<Object> {

    private final VirtualClock clock;
    private final boolean oneByOne;
    private final List<Recorded> signals = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private Subscription subscription;
    private long outstanding;
    private boolean terminated;
    private boolean cancelled;

    /** A signal as seen: the frame, the kind, and the value or error. */
    record Recorded(long frame, Event.Kind kind, Object value) {
    }

    Recorder(VirtualClock clock, boolean oneByOne, boolean cancelOnSubscribe) {
        this.clock = clock;
        this.oneByOne = oneByOne;
        this.cancelled = cancelOnSubscribe;
    }

    List<Recorded> signals() {
        return signals;
    }

    List<String> violations() {
        return violations;
    }

    void cancel() {
        cancelled = true;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (subscription != null) {
            s.cancel();
            violations.add("frame " + clock.now() + ": a second onSubscribe");
            return;
        }
        subscription = s;
        if (cancelled) {
            // Cancelled at frame 0: as soon as subscribed, before asking for anything.
            s.cancel();
            return;
        }
        outstanding = oneByOne ? 1 : Long.MAX_VALUE;
        s.request(outstanding);
    }

    @Override
    public void onNext(Object value) {
        check("onNext(" + value + ")");
        if (oneByOne && --outstanding < 0) {
            violations.add("frame " + clock.now() + ": onNext(" + value + ") beyond the demand (one at a time)");
        }
        signals.add(new Recorded(clock.now(), Event.Kind.NEXT, value));
        if (oneByOne && !cancelled) {
            outstanding++;
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        check("onError(" + error + ")");
        terminated = true;
        signals.add(new Recorded(clock.now(), Event.Kind.ERROR, error));
    }

    @Override
    public void onComplete() {
        check("onComplete");
        terminated = true;
        signals.add(new Recorded(clock.now(), Event.Kind.COMPLETE, null));
    }

    private void check(String signal) {
        if (terminated) {
            violations.add("frame " + clock.now() + ": " + signal + " after the terminal signal");
        }
        if (cancelled) {
            violations.add("frame " + clock.now() + ": " + signal + " after the subscriber cancelled");
        }
    }
}
