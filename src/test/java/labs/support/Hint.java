package labs.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What to look at when this test fails against a learner's implementation: one or two sentences
 * naming the concurrency idea the test checks (not the answer). {@code labs check} prints it under
 * the failed property, after the test's name read as a sentence and the assertion's first line.
 *
 * <pre>{@code
 * @Hint("flatMap(work, n) subscribes to at most n inner publishers; the rest wait in the source.")
 * void neverMoreThanWorkersTasksRunAtOnce(...)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Hint {
    String value();
}
