package labs.level04_coordination.lab09_run_once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import labs.support.Hint;
import labs.support.Staged;
import labs.support.Watch;
import org.junit.jupiter.api.Test;

/**
 * The holder idiom, the JVM's own run-once: each test loads {@link HolderIdiom} in a class loader of
 * its own ({@link FreshHolder}), so each sees a first use. What it shows: initialization on first
 * {@code get()}, concurrent first callers waiting for the class initializer, and a failure that the
 * JVM keeps for the life of the class loader, as an {@code Error}.
 */
class HolderIdiomTest {

    /**
     * A thread waiting for another thread's class initialization is waiting inside the JVM: it
     * reports itself {@code RUNNABLE}, its top frame the instruction that needs the class —
     * {@code HolderIdiom.get} reading {@code Holder.VALUE}. (Seen at that frame a moment early, it
     * only waits later; the tests below hold either way.)
     */
    private static boolean waitsForTheClassInitializer(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().equals(HolderIdiom.class.getName()) && stack[0].getMethodName().equals("get");
    }

    @Test
    @Hint("The JVM initializes a class on its first active use: loading HolderIdiom does not touch Holder; get() does.")
    void theHolderIsInitializedByTheFirstGetNotWhenTheOuterClassIsUsed() {
        CountingInitializer init = CountingInitializer.quick();
        FreshHolder holder = new FreshHolder();
        holder.configure(init);

        assertThat(init.runs()).as("runs after HolderIdiom itself was loaded and initialized").isZero();
        Object first = holder.get();
        assertThat(holder.get()).as("the second get()").isSameAs(first);
        assertThat(init.runs()).as("runs after two gets").isEqualTo(1);
    }

    @Test
    @Hint("A class initializer runs under the JVM's own lock: a second thread that needs the class waits for the first to finish it.")
    void concurrentFirstCallersWaitForTheClassInitializerAndShareItsValue() throws InterruptedException {
        try (CountingInitializer init = CountingInitializer.held()) {
            FreshHolder holder = new FreshHolder();
            holder.configure(init);
            Staged<Object> first = Staged.start("lab09-first-caller", holder::get);
            init.awaitRun(1);
            Staged<Object> second = Staged.start("lab09-second-caller", holder::get);
            Watch.until("the second caller waits for the class initializer", () -> waitsForTheClassInitializer(second.thread()));

            init.release();

            assertThat(second.join().value()).as("what the second caller got").isSameAs(first.join().value());
            assertThat(init.runs()).as("runs of the initializer").isEqualTo(1);
        }
    }

    @Test
    @Hint("A class whose initializer threw is marked erroneous for good: the JVM never runs it again.")
    void aFailedClassInitializerFailsEveryCallerForEverAsAnError() {
        CountingInitializer init = CountingInitializer.failingOn(run -> run == 1);
        FreshHolder holder = new FreshHolder();
        holder.configure(init);

        Throwable first = catchThrowable(holder::get);
        Throwable second = catchThrowable(holder::get);

        assertThat(first).as("what the first get() threw").isInstanceOf(ExceptionInInitializerError.class)
                .cause().isInstanceOf(InitFailedException.class).cause().isSameAs(init.thrown(0));
        assertThat(second).as("what the second get() threw").isInstanceOf(NoClassDefFoundError.class)
                .hasMessageContaining("Could not initialize class " + HolderIdiom.class.getName() + "$Holder");
        assertThat(init.runs()).as("runs of the initializer").isEqualTo(1);
    }

    @Test
    @Hint("A thread waiting for another thread's class initialization cannot be interrupted out of it.")
    void aCallerWaitingForTheClassInitializerCannotBeInterrupted() throws InterruptedException {
        try (CountingInitializer init = CountingInitializer.held()) {
            FreshHolder holder = new FreshHolder();
            holder.configure(init);
            Staged<Object> first = Staged.start("lab09-first-caller", holder::get);
            init.awaitRun(1);
            Staged<Boolean> second = Staged.start("lab09-second-caller", () -> holder.get() != null && Thread.currentThread().isInterrupted());
            Watch.until("the second caller waits for the class initializer", () -> waitsForTheClassInitializer(second.thread()));

            second.thread().interrupt();
            init.release();

            assertThat(second.join().value()).as("the interrupted caller got the value, its flag still set").isTrue();
            assertThat(first.join().succeeded()).as("the first caller got the value").isTrue();
        }
    }

    @Test
    void getBeforeConfigureIsRejectedInOneLineAndLeavesTheHolderUsable() {
        CountingInitializer init = CountingInitializer.quick();
        FreshHolder holder = new FreshHolder();

        assertThatThrownBy(holder::get).isInstanceOf(IllegalStateException.class)
                .hasMessage("HolderIdiom.configure(initializer) must come before the first get()");
        holder.configure(init);
        assertThat(holder.get()).as("get() once configured").isInstanceOf(Made.class);
    }

    @Test
    void aNullOrASecondInitializerIsRejected() {
        FreshHolder holder = new FreshHolder();

        assertThatThrownBy(() -> holder.configure(null)).isInstanceOf(NullPointerException.class).hasMessage(RunOnce.NULL_INITIALIZER);
        holder.configure(CountingInitializer.quick());
        assertThatThrownBy(() -> holder.configure(CountingInitializer.quick())).isInstanceOf(IllegalStateException.class)
                .hasMessage("HolderIdiom is configured once per class loader, and already was");
    }
}
