package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import labs.support.Hint;
import org.junit.jupiter.api.Test;

/**
 * The race "a timeout that fires after the value arrived", staged on the {@link Lane} itself with
 * timers the test fires by hand — including a timer that had already started when the hand-over
 * cancelled it (its cancel comes too late, so here it does nothing). On a real scheduler that is a
 * matter of nanoseconds; here it is a step of the test, and the outcome must be the same: the item
 * is reported once, to the poll it was handed to.
 */
class LaneTest {

    private static final long TTL = Duration.ofSeconds(1).toNanos();

    /** Timers that wait for the test: {@code fire} runs one; cancelling one that "already started" does nothing. */
    private static final class HandTimers implements Lane.Timers {
        private final List<Runnable> tasks = new ArrayList<>();
        private final boolean cancelComesTooLate;
        long now;

        HandTimers(boolean cancelComesTooLate) {
            this.cancelComesTooLate = cancelComesTooLate;
        }

        @Override
        public long nowNanos() {
            return now;
        }

        @Override
        public Runnable schedule(Runnable task, long delayNanos) {
            tasks.add(task);
            int index = tasks.size() - 1;
            return cancelComesTooLate ? () -> { } : () -> tasks.set(index, null);
        }

        void fire(int index) {
            Runnable task = tasks.get(index);
            if (task != null) {
                task.run();
            }
        }
    }

    /** What one poll was told: each callback counted. */
    private static final class PollProbe {
        final List<String> items = new ArrayList<>();
        final AtomicInteger nothing = new AtomicInteger();

        Lane.Poll<String> start(Lane<String> lane, long timeout) {
            Lane.Poll<String> poll = lane.newPoll(item -> items.add(item.item()), nothing::incrementAndGet);
            lane.start(poll, timeout);
            return poll;
        }
    }

    private static Ledger ledger(Lane<String> lane) {
        List<Ledger> read = new ArrayList<>();
        lane.ledger(read::add);
        return read.getFirst();
    }

    @Test
    @Hint("The timer's command runs in the lane after the hand-over: it must look at the poll's state and find it served.")
    void aPollTimerThatFiresAfterTheItemWasHandedOverChangesNothing() {
        HandTimers timers = new HandTimers(true);
        Lane<String> lane = new Lane<>("test", 1, Duration.ofNanos(TTL), timers);
        PollProbe poll = new PollProbe();
        poll.start(lane, 10);                                  // timer 0: the poll's deadline
        lane.start(lane.newOffer("a", verdict -> { }), 0);     // handed over at once; timer 1: a's time-to-live

        timers.now = 10;
        timers.fire(0); // the poll's timer: it started before the hand-over could cancel it

        assertThat(poll.items).as("items handed to the poll").containsExactly("a");
        assertThat(poll.nothing.get()).as("times the poll was told 'nothing' as well").isZero();
        assertThat(ledger(lane)).as("the ledger").isEqualTo(new Ledger(1, 1, 0, 0, 0));
    }

    @Test
    @Hint("An expiry timer for an item already delivered must find it gone from the queue and count nothing.")
    void anExpiryTimerThatFiresAfterTheItemWasDeliveredChangesNothing() {
        HandTimers timers = new HandTimers(true);
        Lane<String> lane = new Lane<>("test", 1, Duration.ofNanos(TTL), timers);
        lane.start(lane.newOffer("a", verdict -> { }), 0);     // timer 0: a's time-to-live
        PollProbe poll = new PollProbe();
        poll.start(lane, 0);                                   // delivered at once

        timers.now = TTL;
        timers.fire(0);

        assertThat(poll.items).containsExactly("a");
        assertThat(ledger(lane)).as("the ledger after a's late expiry timer").isEqualTo(new Ledger(1, 1, 0, 0, 0));
    }

    @Test
    @Hint("Withdrawing a poll that was already served must leave the item with it: the lane decided first.")
    void aWithdrawThatComesAfterTheHandOverLeavesTheItemWithThePoll() {
        HandTimers timers = new HandTimers(false);
        Lane<String> lane = new Lane<>("test", 1, Duration.ofNanos(TTL), timers);
        PollProbe probe = new PollProbe();
        Lane.Poll<String> poll = probe.start(lane, 10);
        lane.start(lane.newOffer("a", verdict -> { }), 0);

        lane.withdraw(poll);

        assertThat(probe.items).containsExactly("a");
        assertThat(probe.nothing.get()).as("times the withdrawn poll was told 'nothing'").isZero();
        assertThat(ledger(lane)).isEqualTo(new Ledger(1, 1, 0, 0, 0));
    }

    @Test
    @Hint("A waiter that is gone when its item arrives must not take it: the item stays first in line.")
    void anItemForAPollWhoseSubscriberIsGoneStaysFirstInLine() {
        HandTimers timers = new HandTimers(false);
        Lane<String> lane = new Lane<>("test", 2, Duration.ofNanos(TTL), timers);
        lane.start(lane.newPoll(item -> false, () -> { }), 10); // its subscriber is gone by the time an item comes
        lane.start(lane.newOffer("a", verdict -> { }), 0);
        lane.start(lane.newOffer("b", verdict -> { }), 0);

        PollProbe next = new PollProbe();
        next.start(lane, 0);

        assertThat(next.items).as("what the next poll got").containsExactly("a");
        assertThat(ledger(lane)).isEqualTo(new Ledger(2, 1, 0, 0, 1));
    }

    @Test
    @Hint("A command issued from inside a callback runs after the current command, never inside it (and never lost).")
    void aCallbackThatCallsTheLaneAgainIsRunAfterTheCurrentCommand() {
        HandTimers timers = new HandTimers(false);
        Lane<String> lane = new Lane<>("test", 1, Duration.ofNanos(TTL), timers);
        List<Ledger> seenFromTheCallback = new ArrayList<>();
        Lane.Poll<String> poll = lane.newPoll(item -> {
            lane.ledger(seenFromTheCallback::add); // queued: the hand-over finishes first
            return true;
        }, () -> { });
        lane.start(poll, 10);
        lane.start(lane.newOffer("a", verdict -> { }), 0);

        assertThat(seenFromTheCallback).as("the ledger read from inside the poll's callback")
                .containsExactly(new Ledger(1, 1, 0, 0, 0));
    }
}
