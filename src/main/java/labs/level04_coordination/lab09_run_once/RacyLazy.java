package labs.level04_coordination.lab09_run_once;

import java.util.concurrent.Callable;

/**
 * BROKEN ON PURPOSE: {@link SynchronizedLazy} without {@code synchronized}. Check-then-act on a
 * plain field: two callers that both find {@code null} both run the initializer (two expensive
 * resources, one of them never closed), both write, and the last write wins — so one caller may keep
 * a value nobody else will ever see (clause 1), besides the second run (clause 2). Without a
 * happens-before edge a reader may even see the value half-built (clause 5).
 *
 * <p>Proven by the jcstress test {@code RunOnce_01_Racy} (outcome table in FAILURE.md), by Lincheck
 * ({@code RunOnceLincheckTest.everyLessonThatRunsTheInitializerTwiceIsCaught}) and staged
 * deterministically by {@code LessonsTest.twoRacyCallersBothRunTheInitializerAndKeepDifferentValues}.
 */
public final class RacyLazy<T> implements RunOnce<T> {

    private final Callable<T> initializer;
    private T value;

    public RacyLazy(Callable<T> initializer) {
        this.initializer = RunOnce.checkInitializer(initializer);
    }

    @Override
    public T get() {
        if (value == null) {
            value = RunOnce.initialize(initializer);
        }
        return value;
    }
}
