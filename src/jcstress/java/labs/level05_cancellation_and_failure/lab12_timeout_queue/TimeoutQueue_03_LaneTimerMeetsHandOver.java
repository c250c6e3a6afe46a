package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The reactive queues' {@link Lane}: "a timeout that fires after the value arrived", on two real
 * threads. A poll waits (timeout 1 s); one actor offers item {@code a}, the other runs the poll's
 * timer task — as a scheduler's thread would when the timeout comes due at the very moment the item
 * arrives. Whichever command the lane runs first decides; the other finds the poll decided.
 *
 * <p>Result: {@code items handed to the poll, times it was told "nothing", items still held}.
 * Expected: {@code 1, 0, 0} (served first; the timer is late) or {@code 0, 1, 1} (timed out first;
 * the item stays held for the next poll). Forbidden: both reports ({@code 1, 1, …}), or neither.
 *
 * <p>Run: {@code ./mvnw -B -ntp -Pjcstress package exec:exec -DskipTests -Dlabs.tool.args="-t TimeoutQueue_03 -m quick"}
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "Served: the item went to the poll; its timer came late and changed nothing.")
@Outcome(id = "0, 1, 1", expect = Expect.ACCEPTABLE, desc = "Timed out: the poll got nothing; the item is held for the next poll.")
@State
public class TimeoutQueue_03_LaneTimerMeetsHandOver {

    private final AtomicReference<Runnable> pollTimer = new AtomicReference<>();
    private final Lane<String> lane = new Lane<>("jcstress", 1, Duration.ofSeconds(1), new Lane.Timers() {
        @Override
        public long nowNanos() {
            return 0; // the clock stands still: only the poll's timer, run by an actor, ends its wait
        }

        @Override
        public Runnable schedule(Runnable task, long delayNanos) {
            pollTimer.compareAndSet(null, task); // the first timer is the poll's; the item's comes later
            return () -> { };                    // a cancel that comes too late: the task may run anyway
        }
    });
    private int served;
    private int nothing;

    {
        lane.start(lane.newPoll(item -> {
            served++;
            return true;
        }, () -> nothing++), Duration.ofSeconds(1).toNanos());
    }

    @Actor
    public void offer() {
        lane.start(lane.newOffer("a", verdict -> { }), 0);
    }

    @Actor
    public void timer() {
        pollTimer.get().run();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        Ledger[] ledger = new Ledger[1];
        lane.ledger(read -> ledger[0] = read);
        r.r1 = served;
        r.r2 = nothing;
        r.r3 = (int) ledger[0].held();
    }
}
