package labs.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Opts one test method out of {@link ThreadLeakCheck}. The reason is required and must say why the
 * thread outliving the test is the point of the test, not an accident. There is deliberately no
 * class-wide opt-out: each exception is argued where it is made.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AllowThreadLeak {
    /** Why this test may leave threads running. Blank reasons are rejected. */
    String value();
}
