package labs.level04_coordination.lab09_run_once;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the tests' initializer makes: a resource that knows which run made it (1 for the first run),
 * and whether it was closed (a duplicate that lost {@link CasLazy}'s race must be).
 */
final class Made implements AutoCloseable {

    private final int run;
    private final AtomicBoolean closed = new AtomicBoolean();

    Made(int run) {
        this.run = run;
    }

    int run() {
        return run;
    }

    boolean closed() {
        return closed.get();
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "Made(run " + run + (closed() ? ", closed)" : ")");
    }
}
