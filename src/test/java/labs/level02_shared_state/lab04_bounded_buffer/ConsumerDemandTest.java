package labs.level02_shared_state.lab04_bounded_buffer;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/** The lab04 diagrams' slow consumer: upstream gets what both the drawn consumer and the test subscriber asked for. */
class ConsumerDemandTest {

    private final TestPublisher<String> source = TestPublisher.create();
    private final TestPublisher<String> requests = TestPublisher.create();
    private final Flux<String> gated = Flux.from(new ConsumerDemand<>(source, requests, Long::parseLong));

    @Test
    void upstreamIsAskedForTheLesserOfTheConsumersAndTheSubscribersDemand() {
        StepVerifier.create(gated, 1)
                .then(source::assertWasNotRequested)               // the subscriber wants 1, the consumer nothing yet
                .then(() -> requests.next("3"))
                .then(() -> source.assertMinRequested(1).assertMaxRequested(1))
                .then(() -> source.next("a"))
                .expectNext("a")
                .thenRequest(5)                                   // the subscriber wants 6 in all, the consumer 3
                .then(() -> source.assertMinRequested(2).assertMaxRequested(2))
                .then(() -> source.next("b", "c"))
                .expectNext("b", "c")
                .then(() -> source.assertMaxRequested(0))
                .then(source::complete)
                .verifyComplete();
        requests.assertCancelled();                               // no line stays subscribed after the end
    }

    @Test
    void cancellingCancelsBothTheSourceAndTheRequestsLine() {
        StepVerifier.create(gated)
                .then(() -> requests.next("1"))
                .then(() -> source.next("a"))
                .expectNext("a")
                .thenCancel()
                .verify();
        source.assertCancelled();
        requests.assertCancelled();
    }
}
