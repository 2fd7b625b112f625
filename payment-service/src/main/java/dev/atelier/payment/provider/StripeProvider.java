package dev.atelier.payment.provider;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stripe Checkout through stripe-java: a hosted session per order with the methods enabled on the account (cards,
 * wallets, Klarna…), refunds, and session look-ups. Failures that may pass (network, timeouts, 5xx, 429) are retried
 * by Resilience4j's {@code stripe} retry with the same idempotency key, so Stripe creates one session whatever
 * happens; the client's own retries are off so that the policy lives in one place.
 */
@Component
class StripeProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(StripeProvider.class);

    private final StripeProperties properties;
    private final @Nullable StripeClient client;
    private final Retry retry;

    StripeProvider(StripeProperties properties, RetryRegistry retries) {
        this.properties = properties;
        this.retry = retries.retry("stripe");
        this.client = properties.configured()
                ? StripeClient.builder()
                        .setApiKey(properties.apiKey())
                        .setApiBase(properties.apiBase())
                        .setConnectTimeout(Math.toIntExact(properties.connectTimeout().toMillis()))
                        .setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()))
                        .setMaxNetworkRetries(0)
                        .build()
                : null;
        retry.getEventPublisher().onRetry(e -> log.warn("Stripe call failed (attempt {}), retrying: {}",
                e.getNumberOfRetryAttempts(), e.getLastThrowable() == null ? "" : e.getLastThrowable().getMessage()));
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public boolean configured() {
        return client != null;
    }

    @Override
    public boolean local() {
        return false;
    }

    @Override
    public OpenedSession openSession(SessionRequest request) {
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(request.orderId().toString())
                .setCustomerEmail(request.customerEmail())
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl())
                .setExpiresAt(request.expiresAt().getEpochSecond())
                .putMetadata("orderId", request.orderId().toString())
                .putMetadata("paymentId", request.paymentId().toString())
                .putMetadata("orderNumber", request.orderNumber())
                // copied onto the PaymentIntent and its charges, so that charge events find the payment too
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("orderId", request.orderId().toString())
                        .putMetadata("paymentId", request.paymentId().toString())
                        .build());
        String currency = request.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT);
        for (SessionRequest.SessionLine line : request.lines()) {
            params.addLineItem(SessionCreateParams.LineItem.builder()
                    .setQuantity(line.quantity())
                    .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                            .setCurrency(currency)
                            .setUnitAmount(line.unitAmount())
                            .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                    .setName(line.name())
                                    .build())
                            .build())
                    .build());
        }
        if (properties.automaticTax()) {
            params.setAutomaticTax(SessionCreateParams.AutomaticTax.builder().setEnabled(true).build());
        }
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build();
        Session session = call("create a checkout session for order " + request.orderNumber(),
                () -> client().v1().checkout().sessions().create(params.build(), options));
        return new OpenedSession(session.getId(), session.getUrl(), Instant.ofEpochSecond(session.getExpiresAt()));
    }

    @Override
    public SessionState fetchSession(String sessionId) {
        Session session = call("retrieve session " + sessionId, () -> client().v1().checkout().sessions().retrieve(sessionId));
        return new SessionState(session.getId(), session.getStatus(), session.getPaymentStatus(),
                session.getPaymentIntent(), session.getAmountTotal() == null ? 0 : session.getAmountTotal(),
                session.getCurrency() == null ? "" : session.getCurrency());
    }

    @Override
    public void expireSession(String sessionId) {
        SessionState state = fetchSession(sessionId);
        if ("open".equals(state.status())) {
            call("expire session " + sessionId, () -> client().v1().checkout().sessions().expire(sessionId));
        }
    }

    @Override
    public String refund(RefundRequest request) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(request.paymentReference())
                .setAmount(request.amount().minor())
                .putMetadata("reason", request.reason())
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build();
        Refund refund = call("refund " + request.paymentReference(), () -> client().v1().refunds().create(params, options));
        return refund.getId();
    }

    @Override
    public Optional<String> stripeWebhookSecret() {
        return Optional.ofNullable(properties.webhookSecret()).filter(s -> !s.isBlank());
    }

    private StripeClient client() {
        if (client == null) {
            throw new IllegalStateException("Stripe is not configured (atelier.payment.stripe.api-key, webhook-secret)");
        }
        return client;
    }

    private <T> T call(String what, StripeCall<T> call) {
        Supplier<T> attempt = () -> {
            try {
                return call.run();
            } catch (StripeException e) {
                throw translate(what, e);
            }
        };
        return retry.executeSupplier(attempt);
    }

    private static RuntimeException translate(String what, StripeException e) {
        Integer status = e.getStatusCode();
        boolean transient_ = e instanceof ApiConnectionException || status == null || status == 0 || status >= 500
                || status == 429;
        String message = "Stripe could not " + what + ": " + describe(e);
        return transient_ ? new ProviderUnavailableException(message, e) : new ProviderRejectedException(message, e);
    }

    private static String describe(StripeException e) {
        String code = e.getCode() == null ? "" : e.getCode() + " ";
        Integer status = e.getStatusCode();
        String answer = status == null || status == 0 ? "no answer:" : "HTTP " + status;
        return code + answer + " " + e.getMessage();
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T run() throws StripeException;
    }
}
