package labs.level02_shared_state.lab04_bounded_buffer;

import java.util.List;
import java.util.stream.IntStream;
import labs.support.Staged;
import labs.support.Watch;

/**
 * Staging for this lab's condition tests, over {@link Watch#isAwaitingCondition}: a thread parked inside
 * {@code Condition.await}, on the condition's queue with the lock released, as opposed to one
 * queued for the lock. The difference decides whether a {@code signal()} can reach it: the lab's
 * signal-versus-signalAll tests must see every waiter on the condition before they close.
 *
 * <p>Read from outside, so the buffers need no accessor for it: the JDK sets the condition as the
 * parked thread's blocker ({@code LockSupport.getBlocker}) for as long as it waits on it, and the
 * lock's own queue as its blocker while it waits for the lock.
 */
final class ConditionWaits {

    private ConditionWaits() {
    }

    static boolean awaitsACondition(Thread thread) {
        return Watch.isAwaitingCondition(thread);
    }

    /** {@code action} on a thread named {@code name}, returned once it waits on a condition. */
    static <T> Staged<T> startAwaiting(String name, Staged.Action<T> action) {
        Staged<T> staged = Staged.start(name, action);
        Watch.until(name + " waits on the condition", () -> awaitsACondition(staged.thread()));
        return staged;
    }

    /** {@code count} threads {@code role-0} … running {@code action}, returned once every one waits on the condition. */
    static <T> List<Staged<T>> startAwaiting(String role, int count, Staged.Action<T> action) {
        List<Staged<T>> staged = IntStream.range(0, count).mapToObj(i -> Staged.start(role + "-" + i, action)).toList();
        Watch.until(count + " " + role + "s wait on the condition", () -> staged.stream().allMatch(s -> awaitsACondition(s.thread())));
        return staged;
    }
}
