package labs.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that exists to be run by another test through {@code EngineTestKit} (a test
 * that leaks on purpose, hangs on purpose…). It runs only when that test enables it with the
 * configuration parameter {@value #ENABLED}; picked up any other way (say, by
 * {@code -Dtest='labs.support.**'}, which also matches nested classes) it is skipped, not failed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(Fixture.OnlyWhenEnabled.class)
public @interface Fixture {

    String ENABLED = "labs.fixture.enabled";

    final class OnlyWhenEnabled implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(ENABLED, Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("run by the test that owns this fixture")
                    : ConditionEvaluationResult.disabled("a fixture: it fails on purpose and runs only through its owning test");
        }
    }
}
