package dev.atelier.payment.provider;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tink Pay by Bank (one-time payments, UK market) through Tink's REST API with Spring's RestClient: a client
 * credentials token (cached until shortly before it expires), a payment request per order paying the store's sort
 * code and account number, and the Tink Link URL the shopper follows to authorise the payment at their bank. Failures
 * that may pass (network, timeouts, 5xx, 429, an expired token) are retried by Resilience4j's {@code tink} retry with
 * the same idempotency key and the same body. Tink cannot close a payment request nobody paid, and refunds of a bank
 * payment are bank transfers made by the back-office, not API calls.
 */
@Component
class TinkProvider implements PaymentProvider, TinkPayments {

    static final String NAME = "tink";
    private static final Logger log = LoggerFactory.getLogger(TinkProvider.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);
    private static final int REFERENCE_LENGTH = 18;

    private final TinkProperties properties;
    private final RestClient rest;
    private final Retry retry;
    private final Clock clock = Clock.systemUTC();
    private @Nullable AccessToken token;

    TinkProvider(TinkProperties properties, RetryRegistry retries) {
        this.properties = properties;
        this.retry = retries.retry(NAME);
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.readTimeout());
        this.rest = RestClient.builder().baseUrl(properties.apiBase()).requestFactory(requests).build();
        if (properties.configured()) {
            // a mistyped sort code or account number stops the start, not the first shopper's payment
            properties.creditorAccount();
        }
        retry.getEventPublisher().onRetry(e -> log.warn("Tink call failed (attempt {}), retrying: {}",
                e.getNumberOfRetryAttempts(), e.getLastThrowable() == null ? "" : e.getLastThrowable().getMessage()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    public boolean local() {
        return false;
    }

    @Override
    public boolean closesSessions() {
        return false;
    }

    @Override
    public OpenedSession openSession(SessionRequest request) {
        String currency = request.amount().currency().getCurrencyCode();
        if (!currency.equals(properties.currency())) {
            throw new ProviderRejectedException("Tink Pay by Bank takes " + properties.currency() + " in market "
                    + properties.market() + ", not " + currency, null);
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("recipient").put("accountNumber", properties.creditorAccount()).put("accountType", "sort-code");
        body.put("amount", BigDecimal.valueOf(request.amount().minor(), request.amount().currency().getDefaultFractionDigits()));
        body.put("currency", currency);
        body.put("market", properties.market());
        body.put("recipientName", properties.recipientName());
        body.put("paymentScheme", "FASTER_PAYMENTS");
        body.putObject("remittanceInformation").put("type", "REFERENCE").put("value", reference(request.orderNumber()));
        String json = JSON.writeValueAsString(body);
        JsonNode created = call("create the payment request of order " + request.orderNumber(), () -> rest.post()
                .uri("/api/v1/payments/requests")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken())
                .header("Idempotency-Key", request.idempotencyKey())
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange((req, response) -> read(response.getStatusCode(), response.getBody().readAllBytes())));
        String paymentRequestId = text(created, "id");
        if (paymentRequestId == null) {
            throw new ProviderRejectedException("Tink answered a payment request without an id", null);
        }
        String link = UriComponentsBuilder.fromUriString(properties.linkBase())
                .queryParam("client_id", properties.clientId())
                .queryParam("redirect_uri", properties.redirectUri())
                .queryParam("market", properties.market())
                .queryParam("locale", properties.locale())
                .queryParam("payment_request_id", paymentRequestId)
                .encode().build().toUriString();
        return new OpenedSession(paymentRequestId, link, request.expiresAt());
    }

    @Override
    public SessionState fetchSession(String sessionId) {
        return latestTransfer(sessionId).map(TinkTransfer::toSession)
                .orElseGet(() -> new SessionState(sessionId, "open", "unpaid", null, 0, properties.currency()));
    }

    /**
     * The transfer that decides a payment request: a paid one if any, else the one Tink updated last; none while the
     * shopper has not started at their bank.
     */
    @Override
    public Optional<TinkTransfer> latestTransfer(String paymentRequestId) {
        JsonNode answer = call("read the transfers of payment request " + paymentRequestId, () -> rest.get()
                .uri("/api/v1/payments/requests/{id}/transfers", paymentRequestId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken())
                .exchange((req, response) -> read(response.getStatusCode(), response.getBody().readAllBytes())));
        List<JsonNode> transfers = new ArrayList<>();
        answer.path("paymentRequestCreatedTransfers").forEach(transfers::add);
        Optional<TinkTransfer> paid = transfers.stream().map(t -> TinkTransfer.parse(paymentRequestId, t))
                .flatMap(Optional::stream).filter(TinkTransfer::paid).findFirst();
        if (paid.isPresent()) {
            return paid;
        }
        return transfers.stream().max(Comparator.comparingLong(t -> t.path("updated").asLong(0)))
                .flatMap(t -> TinkTransfer.parse(paymentRequestId, t));
    }

    @Override
    public void expireSession(String sessionId) {
        // an immediate payment request cannot be cancelled at Tink: it lives on, and a payment made later is refunded
        log.info("Tink payment request {} cannot be closed at Tink; a transfer made on it later is refunded", sessionId);
    }

    @Override
    public String refund(RefundRequest request) {
        throw new ProviderRejectedException("a Tink Pay by Bank payment is refunded by bank transfer from the back-office "
                + "(payment " + request.paymentReference() + ", " + request.amount() + ")", null);
    }

    @Override
    public Optional<String> stripeWebhookSecret() {
        return Optional.empty();
    }

    private synchronized String accessToken() {
        AccessToken current = token;
        if (current != null && clock.instant().isBefore(current.expiresAt().minus(TOKEN_MARGIN))) {
            return current.value();
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        form.add("grant_type", "client_credentials");
        form.add("scope", "payment:read,payment:write");
        JsonNode answer = rest.post().uri("/api/v1/oauth/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .exchange((req, response) -> read(response.getStatusCode(), response.getBody().readAllBytes()));
        String value = text(answer, "access_token");
        if (value == null) {
            throw new ProviderRejectedException("Tink's token answer has no access_token", null);
        }
        token = new AccessToken(value, clock.instant().plusSeconds(answer.path("expires_in").asLong(1800)));
        return value;
    }

    private synchronized void forgetToken() {
        token = null;
    }

    private JsonNode read(HttpStatusCode status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (status.value() == 401) {
            forgetToken();
            throw new ProviderUnavailableException("HTTP 401 (token refused, a new one is asked for)", null);
        }
        if (status.is5xxServerError() || status.value() == 429 || status.value() == 408) {
            throw new ProviderUnavailableException("HTTP " + status.value() + " " + abbreviate(text), null);
        }
        if (!status.is2xxSuccessful()) {
            throw new ProviderRejectedException("HTTP " + status.value() + " " + abbreviate(text), null);
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new ProviderUnavailableException("an answer that is not JSON: " + abbreviate(text), e);
        }
    }

    private <T> T call(String what, Supplier<T> call) {
        Supplier<T> attempt = () -> {
            try {
                return call.get();
            } catch (ProviderUnavailableException e) {
                throw new ProviderUnavailableException("Tink could not " + what + ": " + e.getMessage(), e);
            } catch (ProviderRejectedException e) {
                throw new ProviderRejectedException("Tink refused to " + what + ": " + e.getMessage(), e);
            } catch (RestClientException e) {
                throw new ProviderUnavailableException("Tink could not " + what + ": no answer: " + e.getMessage(), e);
            }
        };
        return retry.executeSupplier(attempt);
    }

    private static String reference(String orderNumber) {
        String cleaned = orderNumber.replaceAll("[^A-Za-z0-9-]", "");
        return cleaned.length() <= REFERENCE_LENGTH ? cleaned : cleaned.substring(cleaned.length() - REFERENCE_LENGTH);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private record AccessToken(String value, Instant expiresAt) {
    }
}
