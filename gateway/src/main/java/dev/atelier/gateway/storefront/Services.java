package dev.atelier.gateway.storefront;

import dev.atelier.gateway.edge.ServiceLocations;
import dev.atelier.gateway.state.SessionConfiguration;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The storefront's calls to the services' public APIs, on the shopper's behalf: the shopper's cookies go along
 * (the cart is found by {@code cart_id}), a signed-in shopper's access token goes as a bearer token, and the
 * cookies a service sets come back to the browser. Every answer is
 * read as JSON maps, which the templates navigate; an error answer becomes a {@link ServiceAnswer} the page can
 * explain instead of a failed page.
 */
@Component
class Services {

    static final ParameterizedTypeReference<Object> JSON = new ParameterizedTypeReference<>() {
    };
    private final WebClient client;
    /** The same connections without the shopper's token: for the public reads every shopper shares. */
    private final WebClient anonymous;
    private final ConnectionProvider connections;
    private final ServiceLocations locations;
    private final Duration timeout;
    private final Duration slowTimeout;
    private final SharedReads sharedReads;

    Services(WebClient.Builder builder, ServiceLocations locations,
            ReactiveOAuth2AuthorizedClientManager authorizedClients, dev.atelier.gateway.edge.EdgeProperties edge,
            @Value("${atelier.storefront.connections-per-service:128}") int connectionsPerService,
            SharedReads sharedReads) {
        // the same budgets as the edge's routes: API calls, and the slow ones (placing an order)
        this.timeout = edge.apiTimeout();
        this.slowTimeout = edge.slowTimeout();
        this.sharedReads = sharedReads;
        // Reactor Netty's default pool holds 16 connections per service and refuses at once a call that finds 32
        // already waiting: 50 shoppers on the home page (four catalog calls each) would be told "not answering" by a
        // catalog that answers. A call now waits for a connection, within its own timeout; idle connections close
        // before the services' servers would close them under a request.
        this.connections = ConnectionProvider.builder("storefront")
                .maxConnections(connectionsPerService)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(slowTimeout)
                .maxIdleTime(Duration.ofSeconds(15))
                .build();
        WebClient.Builder pooled = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)));
        // a signed-in shopper's access token goes along as a bearer token (refreshed when it expired)
        ServerOAuth2AuthorizedClientExchangeFilterFunction bearer =
                new ServerOAuth2AuthorizedClientExchangeFilterFunction(authorizedClients);
        bearer.setDefaultOAuth2AuthorizedClient(true);
        this.client = pooled.clone().filter(bearer).build();
        this.anonymous = pooled.build();
        this.locations = locations;
    }

    @PreDestroy
    void close() {
        connections.dispose();
    }

    /** What a service answered: its status and JSON (a problem's body when it refused). */
    record ServiceAnswer(int status, Object json) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> body() {
            return json instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }

        /** The answer's items: the array it is, or the {@code items} of the page it is. */
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items() {
            return json instanceof List<?> list ? (List<Map<String, Object>>) list : list("items");
        }

        String detail() {
            Object detail = body().get("detail");
            return detail == null ? "the store could not do this just now" : detail.toString();
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(String field) {
            Object value = body().get(field);
            return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
        }
    }

    /**
     * A public read that is the same for every shopper (the home page's shelves, the category tree, the occasions),
     * asked without the shopper's identity and shared for a few seconds ({@link SharedReads}).
     */
    Mono<ServiceAnswer> shared(String service, String path) {
        return sharedReads.get(service + path, () -> anonymous.get().uri(locations.of(service) + path)
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.bodyToMono(JSON).defaultIfEmpty(Map.of())
                        .onErrorResume(e -> Mono.just(Map.of()))
                        .map(body -> new ServiceAnswer(response.statusCode().value(), body)))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(new ServiceAnswer(503, Map.of("detail",
                        "the " + service + " part of the store is not answering; please try again in a moment")))));
    }

    Mono<ServiceAnswer> get(String service, String path, ServerWebExchange exchange) {
        return exchange(service, client.method(org.springframework.http.HttpMethod.GET)
                .uri(locations.of(service) + path), null, exchange, timeout);
    }

    Mono<ServiceAnswer> send(String service, String method, String path, @Nullable Object body,
            ServerWebExchange exchange) {
        return exchange(service, client.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(locations.of(service) + path), body, exchange, timeout);
    }

    /** A call that may take longer, as the edge's checkout route allows: placing an order. */
    Mono<ServiceAnswer> sendSlow(String service, String method, String path, @Nullable Object body,
            ServerWebExchange exchange) {
        return exchange(service, client.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(locations.of(service) + path), body, exchange, slowTimeout);
    }

    /**
     * A file the shopper posted with a page's form (a photo, when the page's script is off), passed on to a service as
     * the multipart part {@code part}; streamed, never held whole. The slow budget: a photo of some megabytes on a
     * shopper's upstream is a while in coming.
     */
    Mono<ServiceAnswer> upload(String service, String path, String part,
            org.springframework.http.codec.multipart.FilePart file, ServerWebExchange exchange) {
        org.springframework.http.client.MultipartBodyBuilder parts = new org.springframework.http.client.MultipartBodyBuilder();
        MediaType type = file.headers().getContentType();
        parts.asyncPart(part, file.content(), org.springframework.core.io.buffer.DataBuffer.class)
                .filename(file.filename())
                .contentType(type == null ? MediaType.APPLICATION_OCTET_STREAM : type);
        ServerHttpRequest incoming = exchange.getRequest();
        return client.post().uri(locations.of(service) + path)
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> copyIdentity(incoming, headers))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData(parts.build()))
                .exchangeToMono(response -> read(response, exchange))
                .timeout(slowTimeout)
                .onErrorResume(e -> Mono.just(new ServiceAnswer(503, Map.of("detail",
                        "the " + service + " part of the store is not answering; please try again in a moment"))));
    }

    /**
     * A service's Server-Sent Events stream, read on the shopper's behalf (their cookies and order token go along);
     * it ends when the service ends it. The caller bounds it in time.
     */
    reactor.core.publisher.Flux<org.springframework.http.codec.ServerSentEvent<Object>> events(String service,
            String path, ServerWebExchange exchange) {
        ServerHttpRequest incoming = exchange.getRequest();
        return client.get().uri(locations.of(service) + path)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> copyIdentity(incoming, headers))
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<org.springframework.http.codec.ServerSentEvent<Object>>() {
                });
    }

    private Mono<ServiceAnswer> exchange(String service, WebClient.RequestBodySpec request, @Nullable Object body,
            ServerWebExchange exchange, Duration timeout) {
        ServerHttpRequest incoming = exchange.getRequest();
        request.accept(MediaType.APPLICATION_JSON)
                .headers(headers -> copyIdentity(incoming, headers));
        WebClient.RequestHeadersSpec<?> ready = body == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchangeToMono(response -> read(response, exchange))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(new ServiceAnswer(503, Map.of("detail",
                        "the " + service + " part of the store is not answering; please try again in a moment"))));
    }

    private static void copyIdentity(ServerHttpRequest incoming, HttpHeaders headers) {
        // the shopper's cookies but the session's: a service has no use for the gateway's session id
        String cookies = incoming.getCookies().values().stream().flatMap(List::stream)
                .filter(cookie -> !cookie.getName().equals(SessionConfiguration.COOKIE))
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        if (!cookies.isEmpty()) {
            headers.set(HttpHeaders.COOKIE, cookies);
        }
        for (String name : List.of("X-Request-Id", "User-Agent", "X-Order-Token")) {
            String value = incoming.getHeaders().getFirst(name);
            if (value != null) {
                headers.set(name, value);
            }
        }
        headers.set("X-Forwarded-For", forwardedFor(incoming));
    }

    /**
     * The chain of addresses as the gateway's routes pass it on: what came in, then the address this request
     * came from. A service trusts only the entry the gateway added (the last), so a shopper who writes the header
     * himself cannot pass for another address.
     */
    static String forwardedFor(ServerHttpRequest incoming) {
        String peer = incoming.getRemoteAddress() == null || incoming.getRemoteAddress().getAddress() == null
                ? "unknown" : incoming.getRemoteAddress().getAddress().getHostAddress();
        String before = incoming.getHeaders().getFirst("X-Forwarded-For");
        return before == null || before.isBlank() ? peer : before + ", " + peer;
    }

    private static Mono<ServiceAnswer> read(ClientResponse response, ServerWebExchange exchange) {
        response.cookies().forEach((name, cookies) -> cookies.forEach(cookie -> exchange.getResponse().addCookie(
                ResponseCookie.from(cookie.getName(), cookie.getValue()).path(cookie.getPath())
                        .maxAge(cookie.getMaxAge()).httpOnly(cookie.isHttpOnly()).secure(cookie.isSecure())
                        .sameSite(cookie.getSameSite()).build())));
        HttpStatusCode status = response.statusCode();
        return response.bodyToMono(JSON)
                .defaultIfEmpty(Map.of())
                .onErrorResume(e -> Mono.just(Map.of()))
                .map(body -> new ServiceAnswer(status.value(), body));
    }
}
