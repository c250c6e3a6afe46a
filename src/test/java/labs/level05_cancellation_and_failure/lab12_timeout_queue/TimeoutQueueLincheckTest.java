package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import kotlin.Unit;
import labs.support.Hint;
import labs.support.RunsLincheck;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.DSLThreadScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "Was a timed-out item consumed or lost?" when an expiry races a poll, checked by Lincheck's model
 * checker on the queues that have no lock around the whole operation's outcome — and on the one
 * that has, as the baseline. A queue of 2, a clock the operations move ({@code tick()}: half a
 * time-to-live passes), zero timeouts (no waits). Every concurrent history must match some
 * sequential order of the {@link Model}; after each one, every item offered must have ended at most
 * one way ({@code @Validate}).
 *
 * <p>The scenario is written out — the one that needs the race: an expired item at the head, a live
 * one behind it, a consumer polling while a producer sweeps to make room — and the model checker
 * tries its interleavings. {@link PeekThenPollTimeoutQueue} is the negative control: the same
 * budget must find its lost item, or a pass here would mean nothing. Small budgets, as in lab04;
 * public, as Lincheck requires.
 */
// The first Lincheck check in a JVM instruments the JDK classes it meets: 15-25 s on a loaded
// 2-core machine, past the suite's 20 s default. A hang still fails, at this bound.
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RunsLincheck
public class TimeoutQueueLincheckTest {

    private static final Duration TTL = Duration.ofMillis(100);

    private static ModelCheckingOptions smallBudget() {
        return new ModelCheckingOptions()
                .iterations(0) // the written-out scenario only: random ones cost seconds each and rarely need the race
                .invocationsPerIteration(200) // peek-then-poll is found within 20; linked-blocking-queue with its sweep mutated to peek-then-poll needs more (found at 200, not at 40)
                // Against a model, not against itself: a queue that drops everything agrees with its own sequential runs.
                .sequentialSpecification(Model.class)
                // The JDK's queues are linearizable, each method one atomic step: no switch points inside them, so the
                // budget goes to interleaving *our* calls (without this, the mutated sweep above needed thousands).
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(LinkedBlockingQueue.class.getName(), ConcurrentLinkedQueue.class.getName())
                        .allMethods().treatAsAtomic())
                .addCustomScenario(TimeoutQueueLincheckTest::expiryRacesAPoll);
    }

    /**
     * Before: 1 offered, half its time-to-live later 2, half again: 1 has expired, 2 has not, and the
     * queue is full. Then a poll races an offer that must sweep 1 to find room.
     */
    private static Unit expiryRacesAPoll(org.jetbrains.lincheck.datastructures.DSLScenarioBuilder scenario) {
        scenario.initial(thread -> actors(thread, call("offer", 1), call("tick"), call("offer", 2), call("tick")));
        scenario.parallel(threads -> {
            threads.thread(thread -> actors(thread, call("poll")));
            threads.thread(thread -> actors(thread, call("offer", 3)));
            return Unit.INSTANCE;
        });
        scenario.post(thread -> actors(thread, call("poll"), call("poll")));
        return Unit.INSTANCE;
    }

    private static Unit actors(DSLThreadScenario thread, Actor... actors) {
        thread.addAll(List.of(actors));
        return Unit.INSTANCE;
    }

    private static Actor call(String name, Object... arguments) {
        for (Method method : Operations.class.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == arguments.length) {
                return new Actor(method, List.of(arguments), false, false, false, false, false);
            }
        }
        throw new IllegalArgumentException("no operation " + name + "/" + arguments.length);
    }

    @Test
    @Hint("An expiry and a poll must not both decide one item's end: decide it under the one lock.")
    void lockConditionsEndsEveryItemOneWayWhenAnExpiryRacesAPoll() {
        assertThatCode(() -> smallBudget().check(Lock.class)).doesNotThrowAnyException();
    }

    @Test
    @Hint("Whoever removes an entry decides its end: sweep with remove(head), which removes that entry or nothing.")
    void linkedBlockingQueueEndsEveryItemOneWayWhenAnExpiryRacesAPoll() {
        assertThatCode(() -> smallBudget().check(Linked.class)).doesNotThrowAnyException();
    }

    @Test
    void theSameBudgetFindsTheLiveItemThatPeekThenPollLoses() {
        // Negative control: the passes above mean something only if this budget finds the known race.
        Throwable failure = catchThrowable(() -> smallBudget().minimizeFailedScenario(false).check(PeekThenPoll.class));
        assertThat(failure).as("the small budget must find peek-then-poll's lost item").isInstanceOf(LincheckAssertionError.class);
    }

    /** Lincheck makes a fresh instance, with a fresh clock, per scenario run. */
    public abstract static class Operations {
        private final AtomicLong nanos = new AtomicLong();
        private final TimeoutQueue<Integer> queue;
        private final ConcurrentLinkedQueue<Integer> delivered = new ConcurrentLinkedQueue<>();

        Operations(QueueMaker maker) {
            InstantSource clock = () -> Instant.EPOCH.plusNanos(nanos.get());
            this.queue = maker.make(clock);
        }

        @Operation
        public boolean offer(@Param(gen = IntGen.class, conf = "1:3") int item) throws InterruptedException {
            return queue.offer(item, Duration.ZERO);
        }

        @Operation
        public Integer poll() throws InterruptedException {
            Integer item = queue.poll(Duration.ZERO);
            if (item != null) {
                delivered.add(item);
            }
            return item;
        }

        /** Half a time-to-live passes. */
        @Operation
        public void tick() {
            nanos.addAndGet(TTL.toNanos() / 2);
        }

        /** After every run: no item delivered twice, or delivered and expired, or expired twice; the counts add up. */
        @Validate
        public void everyItemEndedAtMostOneWay() {
            List<Integer> ended = new ArrayList<>(delivered);
            ended.addAll(queue.expired());
            Set<Integer> distinct = new HashSet<>(ended);
            if (distinct.size() != ended.size()) {
                throw new IllegalStateException("an item ended twice: delivered " + delivered + ", expired " + queue.expired());
            }
            if (!queue.ledger().addsUp()) {
                throw new IllegalStateException("the counts do not add up: " + queue.ledger());
            }
        }
    }

    @FunctionalInterface
    interface QueueMaker {
        TimeoutQueue<Integer> make(InstantSource clock);
    }

    public static class Lock extends Operations {
        public Lock() {
            super(clock -> new LockTimeoutQueue<>(2, TTL, clock));
        }
    }

    public static class Linked extends Operations {
        public Linked() {
            super(clock -> new LinkedBlockingTimeoutQueue<>(2, TTL, clock));
        }
    }

    public static class PeekThenPoll extends Operations {
        public PeekThenPoll() {
            super(clock -> new PeekThenPollTimeoutQueue<>(2, TTL, clock));
        }
    }

    /**
     * The sequential model: a FIFO of at most 2, each item expiring two {@code tick}s after it came;
     * every call first removes the expired items at the head (they end expired, not delivered).
     * Items offered twice are told apart by their order. (Lincheck's random scenarios may offer the
     * same number twice.)
     */
    public static class Model {
        private record Held(int item, long expiresAt) {
        }

        private final ArrayDeque<Held> held = new ArrayDeque<>();
        private long now;

        public boolean offer(int item) {
            expire();
            return held.size() < 2 && held.add(new Held(item, now + 2));
        }

        public Integer poll() {
            expire();
            Held head = held.poll();
            return head == null ? null : head.item();
        }

        public void tick() {
            now++;
        }

        private void expire() {
            while (!held.isEmpty() && held.peek().expiresAt() <= now) {
                held.poll();
            }
        }
    }
}
