package labs.level06_performance.lab16_throughput_vs_latency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A request inside a service, on its way to a worker: when it arrived, and where its answer goes
 * ({@code null} when the caller reads the answers as a stream, from a reactive core's
 * {@code serve}). The three services carry their requests this way, so each answer reaches exactly
 * the caller that submitted it — without a map from ids to callers (which would lock a bin of a
 * {@code ConcurrentHashMap} on a worker's thread).
 */
record Call(Request request, long arrivedNanos, CompletableFuture<Served> reply) {

    /** Answers this call: completing a future never parks, whatever thread does it. */
    Served answer(long startedNanos, long endedNanos, int batchSize, Throwable failure) {
        Served served = new Served(request, arrivedNanos, startedNanos, endedNanos, batchSize, failure);
        if (reply != null) {
            reply.complete(served);
        }
        return served;
    }

    /** Answers every call of {@code batch} with the same times (or the same failure), in order. */
    static List<Served> answerAll(List<Call> batch, long startedNanos, long endedNanos, Throwable failure) {
        List<Served> answers = new ArrayList<>(batch.size());
        for (Call call : batch) {
            answers.add(call.answer(startedNanos, endedNanos, batch.size(), failure));
        }
        return answers;
    }
}
