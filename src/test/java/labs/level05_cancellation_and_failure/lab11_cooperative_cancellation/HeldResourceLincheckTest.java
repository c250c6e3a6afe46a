package labs.level05_cancellation_and_failure.lab11_cooperative_cancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.TimeUnit;
import labs.support.Hint;
import labs.support.RunsLincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reactive implementations' resource, {@link HeldResource}, under Lincheck's model checker:
 * steps ({@code use}) and the cleanup's {@code release()} on two threads, every interleaving of their
 * shared-memory accesses. The results must match a sequential model (a step runs unless a release
 * was requested before it), and after every scenario a validation checks what a result cannot show:
 * the resource was never released with a step inside, never used after its release, never released
 * twice. The waiter's side ({@code awaitReleased}, which blocks) is left to the contract tests: a
 * blocking operation multiplies what the model checker must explore. The negative control — a
 * holder that releases at once, ignoring the step inside — must be caught.
 */
@RunsLincheck
// The first Lincheck test in a JVM pays for instrumenting the classes (8-12 s on 2 loaded cores,
// measured 2026-11-30), which the default 20 s bound would not survive under load.
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public class HeldResourceLincheckTest {

    private static ModelCheckingOptions budget(int scenarios) {
        return new ModelCheckingOptions()
                .iterations(scenarios)
                .invocationsPerIteration(50)
                .threads(2)
                .actorsPerThread(2)
                .actorsBefore(0)
                .actorsAfter(1)
                .sequentialSpecification(Model.class);
    }

    /** The sequential model. */
    public static class Model {
        private boolean requested;

        public boolean use() {
            return !requested;
        }

        public void release() {
            requested = true;
        }
    }

    /** The job's resource as seen from inside: counts releases, notices a release under a step and a use after a release. */
    static final class Inner implements Resource {
        volatile int inside;
        volatile int releases;
        volatile String violation;

        long step() {
            inside++;
            if (releases > 0) {
                violation = "a step used the resource after its release";
            }
            inside--;
            return 1;
        }

        @Override
        public void release() {
            if (inside > 0) {
                violation = "released while a step was inside";
            }
            releases++;
        }
    }

    /** What the operations run on: ours, or the naive control. */
    interface Holder {
        Long use(Step step) throws Exception;

        void release();
    }

    public abstract static class Operations {
        final Inner inner = new Inner();
        final Holder holder;

        Operations(java.util.function.Function<Inner, Holder> holderOf) {
            this.holder = holderOf.apply(inner);
        }

        @Operation
        public boolean use() throws Exception {
            return holder.use((resource, index) -> inner.step()) != null;
        }

        @Operation
        public void release() {
            holder.release();
        }

        @Validate
        public void neverUnderAStepNeverAfterNeverTwice() {
            if (inner.violation != null) {
                throw new IllegalStateException(inner.violation);
            }
            if (inner.releases > 1) {
                throw new IllegalStateException("released " + inner.releases + " times");
            }
        }
    }

    public static class Ours extends Operations {
        public Ours() {
            super(inner -> {
                HeldResource held = new HeldResource();
                try {
                    held.acquire(() -> inner);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return new Holder() {
                    @Override
                    public Long use(Step step) throws Exception {
                        return held.use(step, 0);
                    }

                    @Override
                    public void release() {
                        held.release();
                    }
                };
            });
        }
    }

    /**
     * BROKEN ON PURPOSE, test scope only: the plain resource a cancel cleanup sees — released the
     * moment the release is asked for, whoever is inside.
     */
    public static class Naive extends Operations {
        public Naive() {
            super(inner -> new Holder() {
                private volatile boolean requested;
                private volatile boolean released;

                @Override
                public Long use(Step step) throws Exception {
                    return requested ? null : step.run(inner, 0);
                }

                @Override
                public void release() {
                    requested = true;
                    if (!released) {
                        released = true;
                        inner.release();
                    }
                }
            });
        }
    }

    @Test
    @Hint("A release that finds a step inside must wait for it: count the users in the same word as the request, and let the waiter release after the last one leaves.")
    void theResourceIsReleasedOnceNeverUnderAStepAndNeverUsedAfter() {
        assertThatCode(() -> budget(5).check(Ours.class))
                .as("Lincheck's verdict on HeldResource (a report shows the interleaving it found)")
                .doesNotThrowAnyException();
    }

    @Test
    void theSameBudgetCatchesAReleaseThatIgnoresTheStepInside() {
        Throwable failure = catchThrowable(() -> budget(10).minimizeFailedScenario(false).check(Naive.class));
        assertThat(failure).as("the budget must find the naive holder's release under a running step")
                .isInstanceOf(LincheckAssertionError.class);
    }
}
