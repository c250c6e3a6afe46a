package labs.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that runs Lincheck. {@code verify} runs these classes in a JVM of their own
 * (the Surefire execution {@code lincheck}) told it has one processor.
 *
 * <p>Why: Lincheck's executor spin-waits between a scenario's steps whenever the JVM reports at
 * least as many processors as the scenario has threads, and its model checker runs one thread at a
 * time, so the others burn the cores the running one needs. The suite took 18 s at 1 reported
 * processor and 33 s at 16 on a 16-core machine, and Lincheck's classes alone went from about
 * 14 s to about 50 s at 16 reported processors on 2 cores; at 1 it parks instead of spinning. The
 * model checker explores its interleavings itself, so what it proves does not depend on the count.
 * {@code TagGuardTest} fails a class that uses Lincheck without this tag.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag(RunsLincheck.TAG)
public @interface RunsLincheck {
    String TAG = "lincheck";
}
