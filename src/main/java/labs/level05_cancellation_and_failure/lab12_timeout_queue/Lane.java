package labs.level05_cancellation_and_failure.lab12_timeout_queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import labs.support.Threads;

/**
 * The state of a reactive timeout queue — held items, waiting polls, waiting offers, the counts —
 * changed by one thread at a time and never under a lock: a <b>lane</b>. Every change is a command;
 * {@link #run} queues it (a lock-free queue) and the thread that finds the lane idle runs every
 * queued command, its own and those that arrive meanwhile, then leaves (a work-in-progress count,
 * as Reactor's and RxJava's operators drain). So the lane never parks a thread, and it may run on
 * {@code parallel()} or {@code computation()}, where its timers fire.
 *
 * <p>Why one lane decides everything: a poll's timeout, an item's expiry and an item's arrival are
 * three events on three threads. Decided in one place, one after another, each item ends exactly one
 * way, and <b>a timeout that fires after the value arrived changes nothing</b>: the timer may have
 * started before the hand-over cancelled it, but its command finds the poll served and does nothing.
 * A {@code timeout} operator around the hand-over could not say that: when its timer wins, the value
 * that arrives next is dropped (lab12's DESIGN.md, "Why the queue does not use timeout").
 *
 * <p>Library-neutral: time and timers come from {@link Timers} (the queue's scheduler); waiters
 * report through callbacks, which {@link ReactorTimeoutQueue} and {@link RxJavaTimeoutQueue} turn
 * into publishers. The blocking edge ({@link #awaitOffer}, {@link #awaitPoll} …) is here too, once
 * for both: it waits on a future the lane completes and, when interrupted, withdraws through the lane
 * instead of cancelling, since a cancel can cross the hand-over of an item and lose it.
 */
final class Lane<T> {

    /** Where the lane reads the time and sets its timers: its queue's scheduler. */
    interface Timers {
        long nowNanos();

        /** Runs {@code task} after {@code delayNanos}; returns how to cancel it. */
        Runnable schedule(Runnable task, long delayNanos);
    }

    /** How an offer ended. */
    enum Verdict { ACCEPTED, REFUSED, WITHDRAWN, CLOSED }

    private enum State { WAITING, DECIDED }

    private static final Runnable NO_TIMER = () -> { };

    /** An accepted item, while held and after. Lane-confined. */
    static final class Held<T> {
        private final T item;
        private final long expiresAt;
        private Runnable timer = NO_TIMER;
        private boolean inQueue;
        private boolean delivered;

        private Held(T item, long expiresAt) {
            this.item = item;
            this.expiresAt = expiresAt;
        }

        T item() {
            return item;
        }
    }

    /** A poll waiting for an item. Its state is lane-confined. */
    static final class Poll<T> {
        private final Predicate<Held<T>> onItem;
        private final Runnable onNothing;
        private State state = State.WAITING;
        private Runnable timer = NO_TIMER;

        private Poll(Predicate<Held<T>> onItem, Runnable onNothing) {
            this.onItem = onItem;
            this.onNothing = onNothing;
        }
    }

    /** An offer waiting for room. Its state is lane-confined. */
    static final class Offer<T> {
        private final T item;
        private final Consumer<Verdict> onVerdict;
        private State state = State.WAITING;
        private Runnable timer = NO_TIMER;

        private Offer(T item, Consumer<Verdict> onVerdict) {
            this.item = item;
            this.onVerdict = onVerdict;
        }
    }

    private final String name;
    private final int capacity;
    private final long ttlNanos;
    private final Timers timers;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    // Lane-confined: read and written only by commands.
    private final ArrayDeque<Held<T>> held = new ArrayDeque<>();
    private final ArrayDeque<Poll<T>> polls = new ArrayDeque<>();
    private final ArrayDeque<Offer<T>> offers = new ArrayDeque<>();
    private final List<T> expiredItems = new ArrayList<>();
    private long offered;
    private long delivered;
    private long expired;
    private long refused;
    private boolean closed;

    Lane(String name, int capacity, Duration ttl, Timers timers) {
        this.name = name;
        this.capacity = TimeoutQueue.checkCapacity(capacity);
        this.ttlNanos = TimeoutQueue.nanos(TimeoutQueue.checkTtl(ttl));
        this.timers = timers;
    }

    /** Runs {@code command} in the lane: now on this thread if the lane is idle, else by the thread running it. */
    void run(Runnable command) {
        commands.offer(command);
        if (wip.getAndIncrement() != 0) {
            return; // the thread in the loop below runs it, after the commands before it
        }
        RuntimeException failure = null;
        do {
            try {
                commands.poll().run();
            } catch (RuntimeException e) {
                // A waiter's callback threw (a subscriber's bug): the lane must go on for everyone else.
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        } while (wip.decrementAndGet() != 0);
        if (failure != null) {
            throw failure;
        }
    }

    // ---- polls

    /** A poll, not started: {@code onItem} returns false when its subscriber is already gone. */
    Poll<T> newPoll(Predicate<Held<T>> onItem, Runnable onNothing) {
        return new Poll<>(onItem, onNothing);
    }

    void start(Poll<T> poll, long timeoutNanos) {
        run(() -> {
            if (poll.state != State.WAITING) {
                return; // withdrawn before it started
            }
            long now = timers.nowNanos();
            settle(now);
            if (closed) {
                giveUp(poll);
                return;
            }
            polls.addLast(poll);
            settle(now); // served at once if an item is held
            if (poll.state == State.WAITING) {
                Runnable timer = timeoutNanos <= 0 ? null : timer(() -> run(() -> timedOut(poll)), timeoutNanos);
                if (timer == null) {
                    polls.remove(poll);
                    giveUp(poll); // a zero timeout (or a scheduler that takes no timer) never waits
                } else {
                    poll.timer = timer;
                }
            }
        });
    }

    /** A poll's timer: for a poll already served it comes late, and changes nothing. */
    private void timedOut(Poll<T> poll) {
        if (poll.state == State.WAITING) {
            polls.remove(poll);
            giveUp(poll);
        }
    }

    /** The poll gives up if it still waits; a poll already served keeps its item. */
    void withdraw(Poll<T> poll) {
        run(() -> timedOut(poll));
    }

    private void giveUp(Poll<T> poll) {
        poll.state = State.DECIDED;
        poll.timer.run();
        poll.onNothing.run();
    }

    /**
     * An item handed to a poll whose subscriber had already cancelled (Reactor discards it): it was
     * never delivered, so it goes back to the head of the line — or expires, if its time is up.
     */
    void putBack(Held<T> item) {
        run(() -> {
            if (!item.delivered) {
                return;
            }
            item.delivered = false;
            delivered--;
            long now = timers.nowNanos();
            if (closed || item.expiresAt <= now) {
                expire(item);
            } else {
                hold(item, true, now);
            }
            settle(now);
        });
    }

    // ---- offers

    Offer<T> newOffer(T item, Consumer<Verdict> onVerdict) {
        return new Offer<>(item, onVerdict);
    }

    void start(Offer<T> offer, long timeoutNanos) {
        run(() -> {
            if (offer.state != State.WAITING) {
                return; // withdrawn before it started
            }
            if (closed) {
                decide(offer, Verdict.CLOSED);
                return;
            }
            long now = timers.nowNanos();
            offers.addLast(offer); // behind the offers already waiting: room goes to them first
            settle(now);
            if (offer.state == State.WAITING) {
                Runnable timer = timeoutNanos <= 0 ? null : timer(() -> run(() -> timedOut(offer)), timeoutNanos);
                if (timer == null) {
                    offers.remove(offer);
                    refuse(offer);
                } else {
                    offer.timer = timer;
                }
            }
        });
    }

    private void timedOut(Offer<T> offer) {
        if (offer.state == State.WAITING) {
            offers.remove(offer);
            refuse(offer);
        }
    }

    /** The offer stops waiting, neither accepted nor refused (it never counted as offered). */
    void withdraw(Offer<T> offer) {
        run(() -> {
            if (offer.state == State.WAITING) {
                offers.remove(offer);
                decide(offer, Verdict.WITHDRAWN);
            }
        });
    }

    private void refuse(Offer<T> offer) {
        offered++;
        refused++;
        decide(offer, Verdict.REFUSED);
    }

    private void decide(Offer<T> offer, Verdict verdict) {
        offer.state = State.DECIDED;
        offer.timer.run();
        offer.onVerdict.accept(verdict);
    }

    // ---- what every command ends with

    /**
     * Brings the lane up to {@code now}: expires what is due, hands held items to waiting polls, and
     * lets waiting offers into the room that made — until nothing changes (an accepted offer may feed
     * a waiting poll, and a served poll makes room for the next offer).
     */
    private void settle(long now) {
        expireDue(now);
        boolean changed;
        do {
            changed = false;
            while (!polls.isEmpty() && !held.isEmpty()) {
                Poll<T> poll = polls.pollFirst();
                Held<T> item = held.pollFirst();
                item.inQueue = false;
                poll.state = State.DECIDED;
                poll.timer.run();
                if (poll.onItem.test(item)) {
                    item.timer.run();
                    item.delivered = true;
                    delivered++;
                } else {
                    hold(item, true, now); // that poll's subscriber was gone: the item stays first in line
                }
                changed = true;
            }
            while (!offers.isEmpty() && held.size() < capacity) {
                Offer<T> offer = offers.pollFirst();
                offered++;
                hold(new Held<>(offer.item, Clocks.plus(now, ttlNanos)), false, now);
                decide(offer, Verdict.ACCEPTED);
                changed = true;
            }
        } while (changed);
    }

    private void hold(Held<T> item, boolean first, long now) {
        if (first) {
            held.addFirst(item);
        } else {
            held.addLast(item);
        }
        item.inQueue = true;
        item.timer.run(); // an item put back had a timer already
        Runnable timer = timer(() -> run(() -> expiryDue(item)), Math.max(1, item.expiresAt - now));
        item.timer = timer == null ? NO_TIMER : timer; // no timer: the next call expires it (settle)
    }

    /** An item's timer: expire what is due; if the scheduler's clock reads a little early, look again later. */
    private void expiryDue(Held<T> item) {
        long now = timers.nowNanos();
        settle(now);
        if (item.inQueue && item.expiresAt > now) {
            Runnable timer = timer(() -> run(() -> expiryDue(item)), item.expiresAt - now);
            item.timer = timer == null ? NO_TIMER : timer;
        }
    }

    /** Sweeps every item due at {@code now} off the head (held in arrival order, one time-to-live: oldest first). */
    private void expireDue(long now) {
        for (Held<T> head = held.peekFirst(); head != null && head.expiresAt <= now; head = held.peekFirst()) {
            held.pollFirst();
            expire(head);
        }
    }

    private void expire(Held<T> item) {
        item.inQueue = false;
        item.timer.run();
        expired++;
        expiredItems.add(item.item);
    }

    /** A timer on the scheduler, or null when the scheduler takes no more tasks (disposed). */
    private Runnable timer(Runnable task, long delayNanos) {
        try {
            return timers.schedule(task, delayNanos);
        } catch (RejectedExecutionException disposed) {
            return null;
        }
    }

    // ---- reading, closing

    void ledger(Consumer<Ledger> reader) {
        run(() -> {
            settle(timers.nowNanos());
            reader.accept(new Ledger(offered, delivered, expired, refused, held.size()));
        });
    }

    void expired(Consumer<List<T>> reader) {
        run(() -> {
            settle(timers.nowNanos());
            reader.accept(List.copyOf(expiredItems));
        });
    }

    /** Held items expire, waiting offers are refused, waiting polls give up; every timer is cancelled. */
    void close(Runnable onClosed) {
        run(() -> {
            if (!closed) {
                closed = true;
                while (!held.isEmpty()) {
                    expire(held.pollFirst());
                }
                while (!offers.isEmpty()) {
                    refuse(offers.pollFirst());
                }
                while (!polls.isEmpty()) {
                    giveUp(polls.pollFirst());
                }
            }
            onClosed.run();
        });
    }

    // ---- the blocking edge, for both reactive queues

    boolean awaitOffer(T item, Duration timeout) throws InterruptedException {
        TimeoutQueue.checkItem(item);
        long nanos = TimeoutQueue.nanos(TimeoutQueue.checkTimeout(timeout));
        CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        Offer<T> offer = newOffer(item, verdict::complete);
        start(offer, nanos);
        Verdict decided;
        try {
            decided = verdict.get();
        } catch (InterruptedException e) {
            withdraw(offer); // not a cancel: the lane says whether the offer was accepted meanwhile
            decided = decided(verdict);
            if (decided == Verdict.WITHDRAWN) {
                throw e;
            }
            Thread.currentThread().interrupt(); // decided in the same instant: report it, keep the flag
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return switch (decided) {
            case ACCEPTED -> true;
            case REFUSED -> false;
            case CLOSED -> throw TimeoutQueue.closed(name);
            case WITHDRAWN -> throw new IllegalStateException("an offer of '" + name + "' was withdrawn by no one");
        };
    }

    T awaitPoll(Duration timeout) throws InterruptedException {
        long nanos = TimeoutQueue.nanos(TimeoutQueue.checkTimeout(timeout));
        CompletableFuture<Held<T>> outcome = new CompletableFuture<>();
        Poll<T> poll = newPoll(outcome::complete, () -> outcome.complete(null));
        start(poll, nanos);
        Held<T> item;
        try {
            item = outcome.get();
        } catch (InterruptedException e) {
            withdraw(poll); // not a cancel: an item handed over meanwhile stays ours, never dropped
            item = decided(outcome);
            if (item == null) {
                throw e;
            }
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return item == null ? null : item.item();
    }

    Ledger awaitLedger() {
        CompletableFuture<Ledger> read = new CompletableFuture<>();
        ledger(read::complete);
        return decided(read);
    }

    List<T> awaitExpired() {
        CompletableFuture<List<T>> read = new CompletableFuture<>();
        expired(read::complete);
        return decided(read);
    }

    void awaitClose() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        close(() -> done.complete(null));
        decided(done);
    }

    /**
     * What the lane decided: it decides at once (or as soon as the thread in the lane reaches the
     * command), so the wait is bounded, and an interrupt does not cut it short (the flag is kept).
     */
    private <V> V decided(CompletableFuture<V> decision) {
        long deadline = System.nanoTime() + Threads.END_WITHIN.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return decision.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    throw new IllegalStateException("timeout queue '" + name + "': its lane decided nothing within "
                            + Threads.END_WITHIN.toMillis() + " ms (a command is stuck)");
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
