package labs.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class whose expectations depend on how many processors the JVM reports
 * ({@code Runtime.availableProcessors()}, the core-sized schedulers). {@code verify} runs such
 * classes three times: as they are, and in two more JVMs told they have 1 and 16 processors
 * ({@code -XX:ActiveProcessorCount}: the Surefire execution {@code lincheck}, which runs at 1 processor, and {@code cores-16}),
 * so no test can pass only on the core count of the machine it was written on.
 * {@code TagGuardTest} fails for a test class that reads the core count without this tag.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag(DependsOnCoreCount.TAG)
public @interface DependsOnCoreCount {
    String TAG = "depends-on-core-count";
}
