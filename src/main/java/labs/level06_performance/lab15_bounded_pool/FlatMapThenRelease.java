package labs.level06_performance.lab15_bounded_pool;

import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * BROKEN on purpose: the tempting way to use a pooled connection reactively —
 * {@code lease(…).flatMap(lease -> use(connection).flatMap(value -> giveBack(lease).thenReturn(value)))}.
 * It reads like "acquire, use, release", and gives the connection back only when the use emits a
 * value. If the use fails, completes empty, or is cancelled (a downstream {@code timeout()}, a
 * client that goes away), the release never runs: the connection stays lent for ever, and the pool
 * is one smaller. Enough of those and every acquire times out.
 *
 * <p>The fix is {@link ReactorPool#withConnection}: {@code Mono.usingWhen}, whose release runs on
 * completion, error and cancellation alike — the reactive twin of try-with-resources. The pool's
 * leak report ({@link ReactorPool#leaks}) names what this one leaves behind;
 * {@code ReactorPoolInVirtualTimeTest} and the diagram "flatMap-then-release leaks on cancel" show it.
 */
public final class FlatMapThenRelease {

    private FlatMapThenRelease() {
    }

    /** Acquire, use, release — as a chain that skips the release on error, empty or cancel. */
    public static <T> Mono<T> withConnection(ReactorPool pool, String borrower, Duration timeout, Function<Connection, Mono<T>> use) {
        return pool.lease(borrower, timeout)
                .flatMap(lease -> use.apply(lease.connection()).flatMap(value -> pool.giveBack(lease).thenReturn(value)));
    }
}
