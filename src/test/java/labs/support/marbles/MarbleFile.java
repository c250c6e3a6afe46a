package labs.support.marbles;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the file in {@code marbles/} a {@link MarbleBinding} binds, e.g.
 * {@code @MarbleFile("lab01_parallel_workers.md")}: the first thing a reader of the binding sees is
 * which diagrams it runs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MarbleFile {

    /** The diagram file's name in {@code marbles/}. */
    String value();
}
