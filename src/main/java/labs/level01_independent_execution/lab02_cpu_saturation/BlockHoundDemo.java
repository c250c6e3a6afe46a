package labs.level01_independent_execution.lab02_cpu_saturation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import labs.support.ChildJvm;
import reactor.blockhound.BlockHound;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What a test gets for one blocking task on {@code Schedulers.parallel()}: BlockHound's error.
 *
 * <p>It runs in a JVM of its own. BlockHound cannot be removed once installed, and installing it
 * while other threads are inside the JDK classes it rewrites is not safe: in {@code labs tour},
 * where later labs ran in the same JVM, an RxJava scheduler thread parked in a
 * {@code ScheduledThreadPoolExecutor} died with an {@code IllegalMonitorStateException} and lab12's
 * consumer waited for it for ever. The child gets this JVM's flags (BlockHound needs them) and
 * classpath; only its standard output is shown.
 */
final class BlockHoundDemo {

    private static final long BLOCKING_MILLIS = 2;
    private static final Duration BOUND = Duration.ofSeconds(60);

    private BlockHoundDemo() {
    }

    /** Runs {@link #main} in a child JVM and prints what it printed. */
    static void showInAJvmOfItsOwn(PrintStream out) throws InterruptedException {
        try {
            Process child = new ProcessBuilder(ChildJvm.command(BlockHoundDemo.class)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] printed = child.getInputStream().readAllBytes(); // ends when the child does
            if (!child.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                child.destroyForcibly();
                out.println("BlockHound check: its JVM did not end within " + BOUND.toSeconds() + " s (stopped)");
                return;
            }
            out.print(new String(printed, StandardCharsets.UTF_8));
            if (child.exitValue() != 0) {
                out.println("BlockHound check: its JVM ended with exit status " + child.exitValue());
            }
        } catch (IOException e) {
            out.println("BlockHound check: could not start a JVM for it (" + e.getMessage() + ")");
        }
    }

    /** In the child: install BlockHound, block on {@code parallel()}, print what happened. */
    public static void main(String[] args) {
        BlockHound.install();
        try {
            Mono.fromRunnable(() -> {
                try {
                    Thread.sleep(BLOCKING_MILLIS); // the blocking call under test: BlockHound must reject it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
            System.out.println("BlockHound: a blocking task on Schedulers.parallel() was NOT flagged (is BlockHound installed?)");
        } catch (RuntimeException e) {
            Throwable cause = Exceptions.unwrap(e);
            System.out.println("BlockHound on a blocking task put on Schedulers.parallel(): " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            System.out.println("(tests run under BlockHound always: this is what a test gets, not a slow run)");
        }
        System.out.flush();
        System.exit(0); // parallel()'s threads must not keep this JVM alive
    }
}
