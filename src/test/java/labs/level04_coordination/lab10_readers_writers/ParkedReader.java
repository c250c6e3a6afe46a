package labs.level04_coordination.lab10_readers_writers;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import labs.support.Result;
import labs.support.Staged;
import labs.support.Watch;

/**
 * A reader staged inside {@link SharedConfig#read}: on a thread of its own it enters {@code read},
 * looks at one key, and stays inside — holding whatever the variant's readers hold — until the test
 * lets it go; then it looks at the key again and leaves. What it saw both times is its result, so a
 * test can tell whether its view changed under it. Every wait is bounded ({@link Watch#BOUND}).
 */
final class ParkedReader implements AutoCloseable {

    private final CountDownLatch inside = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Staged<List<String>> staged;

    private ParkedReader(String name, SharedConfig config, String key) {
        this.staged = Staged.start(name, () -> config.read(entries -> {
            String before = String.valueOf(entries.get(key));
            inside.countDown();
            try {
                Watch.await("the test letting " + name + " leave read()", release);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + " interrupted inside read()", e);
            }
            return List.of(before, String.valueOf(entries.get(key)));
        }));
    }

    /** Starts thread {@code name} reading {@code key} and returns once it is inside {@code read}. */
    static ParkedReader enter(String name, SharedConfig config, String key) throws InterruptedException {
        ParkedReader reader = new ParkedReader(name, config, key);
        Watch.await(name + " entering read()", reader.inside);
        return reader;
    }

    Thread thread() {
        return staged.thread();
    }

    /** Whether it has left {@code read} (it only can once released). */
    boolean left() {
        return staged.outcomeSoFar() != null;
    }

    /** Lets it leave and returns what it saw under the key: on entering, and just before leaving. */
    List<String> leave() throws InterruptedException {
        release.countDown();
        Result<List<String>> outcome = staged.join();
        if (!outcome.succeeded()) {
            throw new AssertionError("the parked reader's read() threw " + outcome.error(), outcome.error());
        }
        return outcome.value();
    }

    /** Lets it leave, if it has not, and waits for its thread (bounded): a test's cleanup. */
    @Override
    public void close() {
        release.countDown();
        try {
            staged.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
