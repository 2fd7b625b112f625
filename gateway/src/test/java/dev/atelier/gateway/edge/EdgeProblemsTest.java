package dev.atelier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.netty.channel.AbortedException;

/** What the edge answers when something fails under a request that no filter or route answered itself. */
class EdgeProblemsTest {

    private final EdgeProblems problems = new EdgeProblems();

    private MockServerWebExchange failWith(Throwable failure) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/cart/items"));
        problems.handle(exchange, failure).block();
        return exchange;
    }

    @Test
    void aConnectionClosedUnderTheRequestIsAnAnswerToTryAgainNotAnInternalError() {
        for (Throwable closed : new Throwable[] {new AbortedException("Connection has been closed BEFORE send operation"),
                new IOException("Connection reset by peer")}) {
            MockServerWebExchange exchange = failWith(closed);

            assertThat(exchange.getResponse().getStatusCode()).as(closed.toString())
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(exchange.getResponse().getBodyAsString().block())
                    .contains("service-unavailable", "the connection closed before the answer was sent");
        }
    }

    @Test
    void anythingElseIsAnInternalErrorThatSaysNothingOfTheInternals() {
        MockServerWebExchange exchange = failWith(new IllegalStateException("secret table name"));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("internal-error")
                .doesNotContain("secret table name");
    }
}
