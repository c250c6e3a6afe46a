package labs.level04_coordination.lab09_run_once;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A LESSON, though a pattern with its uses: no lock at all. A caller that finds nothing runs the
 * initializer itself and offers its value with {@code compareAndSet(null, mine)}; exactly one offer
 * wins, and a loser returns the winner's value and closes its own (when it is
 * {@link AutoCloseable}). So every caller gets the same instance (clause 1 holds) and nobody ever
 * waits — but racing callers each run the initializer (clause 2 broken): fine for a cheap,
 * side-effect-free initializer, wrong for opening a connection pool.
 *
 * <p>Proven by {@code LessonsTest.twoCasCallersBothRunTheInitializerButTheLoserAdoptsTheWinnersValueAndClosesItsOwn}
 * (staged), Lincheck ({@code RunOnceLincheckTest.everyLessonThatRunsTheInitializerTwiceIsCaught})
 * and jcstress {@code RunOnce_05_Cas} (two runs, one instance).
 */
public final class CasLazy<T> implements RunOnce<T> {

    private final Callable<T> initializer;
    private final AtomicReference<T> value = new AtomicReference<>();

    public CasLazy(Callable<T> initializer) {
        this.initializer = RunOnce.checkInitializer(initializer);
    }

    @Override
    public T get() {
        T current = value.get();
        if (current != null) {
            return current;
        }
        T mine = RunOnce.initialize(initializer);
        if (value.compareAndSet(null, mine)) {
            return mine;
        }
        discard(mine);
        return value.get();
    }

    /** A loser's value is a duplicate resource nobody will use: close it, loudly if that fails. */
    private static void discard(Object duplicate) {
        if (duplicate instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the duplicate that lost the race failed: " + e, e);
            }
        }
    }
}
