package labs.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Fails a test that leaves process-wide scheduler state changed behind it, and puts it back so the
 * next test is not blamed:
 * <ul>
 *   <li><b>Reactor's virtual clock left installed</b> ({@code VirtualTimeScheduler.getOrSet()} or
 *       {@code set(…)} without {@code reset()}): every later {@code parallel()}, {@code single()} or
 *       {@code boundedElastic()} in the JVM then runs on the caller's thread in virtual time, and
 *       tests far away fail for no reason of their own. {@code StepVerifier.withVirtualTime} resets
 *       it; a test that installs the clock itself resets it in {@code finally}.</li>
 *   <li><b>RxJava's scheduler handlers replaced</b> ({@code RxJavaPlugins.reset()} or a
 *       {@code set…SchedulerHandler}): the leak check's task tracking ({@link ScheduledTasks}) is
 *       gone for every later test. Use a {@code TestScheduler} passed to the code instead.</li>
 * </ul>
 * Registered for every test beside {@link ThreadLeakCheck}, by JUnit's extension auto-detection.
 */
public final class GlobalClockCheck implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        if (VirtualTimeScheduler.isFactoryEnabled()) {
            VirtualTimeScheduler.reset();
            throw new AssertionError("This test left Reactor's virtual clock installed (VirtualTimeScheduler.getOrSet() or set() "
                    + "without reset()): every later parallel()/boundedElastic() in this JVM would run on the caller's thread "
                    + "in virtual time. Use StepVerifier.withVirtualTime, or call VirtualTimeScheduler.reset() in a finally block. "
                    + "(Reset now, so the next test is not blamed.)");
        }
        if (ScheduledTasks.rxJavaHandlersReplaced()) {
            ScheduledTasks.reinstallRxJavaHandlers();
            throw new AssertionError("This test replaced RxJava's scheduler handlers (RxJavaPlugins.reset() or set…SchedulerHandler): "
                    + "the leak check could no longer see tasks left pending on computation()/io()/single()/newThread(). "
                    + "Pass a TestScheduler to the code under test instead. (Put back now, so the next test is not blamed.)");
        }
    }
}
