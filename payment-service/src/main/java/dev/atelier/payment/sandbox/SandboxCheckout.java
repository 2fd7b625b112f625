package dev.atelier.payment.sandbox;

import com.stripe.Stripe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the sandbox page's buttons do: change the sandbox session as Stripe would, then deliver the matching event in
 * Stripe's JSON shape, signed with Stripe's scheme, over HTTP to this service's webhook endpoint, and wait for its
 * answer before the browser is sent back to the store.
 */
@Service
public class SandboxCheckout {

    private static final Logger log = LoggerFactory.getLogger(SandboxCheckout.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long a well-formed session id that is not found yet is looked for again. */
    static final Duration NOT_YET_VISIBLE = Duration.ofSeconds(2);
    private static final Duration READ_AGAIN_AFTER = Duration.ofMillis(20);

    private final SandboxSessions sessions;
    private final SandboxSigning signing;
    private final SandboxProperties properties;
    private final Environment environment;
    /**
     * HTTP/1.1 on kept-alive connections: the JDK client's default (HTTP/2) asks plain-HTTP servers for an h2c
     * upgrade on every new connection, which this service's Tomcat refuses anyway.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Clock clock = Clock.systemUTC();

    SandboxCheckout(SandboxSessions sessions, SandboxSigning signing, SandboxProperties properties, Environment environment) {
        this.sessions = sessions;
        this.signing = signing;
        this.properties = properties;
        this.environment = environment;
    }

    /** The outcome of a button: where the browser goes next, or why it stays. */
    public record Outcome(boolean delivered, String redirectUrl, String message) {
    }

    /**
     * The session, read again for up to {@link #NOT_YET_VISIBLE} while a well-formed id is not found. Its row commits
     * with the PaymentSessionCreated that sends the shopper here, and the relay reads that commit from the WAL, which
     * PostgreSQL writes before the transaction becomes visible to other connections: on a loaded machine the shopper
     * could reach this page in that moment (the checkout benchmark saw a few 404s for sessions that existed, and
     * those orders waited for a payment nobody could make). The platform's relay now publishes a transaction only
     * once it is visible, which removes that cause; this re-read stays as defence in depth (free when the row is
     * there; it covers a read served by another server than the one the relay checks). Stripe's page exists once its
     * API has answered; so does this one.
     */
    public Optional<SandboxSession> session(String sessionId) {
        Optional<SandboxSession> session = sessions.find(sessionId);
        if (session.isPresent() || !SandboxSessions.isWellFormed(sessionId)) {
            return session;
        }
        long deadline = System.nanoTime() + NOT_YET_VISIBLE.toNanos();
        while (session.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(READ_AGAIN_AFTER.toNanos());
            session = sessions.find(sessionId);
        }
        if (session.isPresent()) {
            log.info("Sandbox session {} became visible after the shopper asked for it", sessionId);
        }
        return session;
    }

    /** The shopper paid: the session completes and {@code checkout.session.completed} (paid) is delivered. */
    public Outcome pay(SandboxSession session) {
        if (clock.instant().isAfter(session.expiresAt())) {
            sessions.expire(session.id());
            deliver("checkout.session.expired", expired(session));
            return new Outcome(false, session.cancelUrl(), "This payment session has expired.");
        }
        String paymentIntent = "pi_sandbox_" + SandboxSessions.randomId(24);
        if (!sessions.complete(session.id(), paymentIntent)) {
            return new Outcome(false, session.cancelUrl(), "This payment session is no longer open.");
        }
        return deliver("checkout.session.completed", completed(session, paymentIntent))
                ? new Outcome(true, session.successUrl(), "Paid.")
                : new Outcome(false, session.successUrl(), "The payment was taken but the store has not confirmed it yet.");
    }

    /** The shopper gave up: the session is expired and {@code checkout.session.expired} is delivered. */
    public Outcome decline(SandboxSession session) {
        if (!sessions.expire(session.id())) {
            return new Outcome(false, session.cancelUrl(), "This payment session is no longer open.");
        }
        deliver("checkout.session.expired", expired(session));
        return new Outcome(true, session.cancelUrl(), "Declined.");
    }

    /**
     * Money taken after the session (and likely the order) ran out, as a slow bank or a retried card can cause: the
     * session is expired first, then paid anyway. The store must refund it, never keep it.
     */
    public Outcome payAfterExpiry(SandboxSession session) {
        if (sessions.expire(session.id())) {
            deliver("checkout.session.expired", expired(session));
        }
        String paymentIntent = "pi_sandbox_" + SandboxSessions.randomId(24);
        sessions.completeLate(session.id(), paymentIntent);
        boolean delivered = deliver("checkout.session.completed", completed(session, paymentIntent));
        return new Outcome(delivered, session.successUrl(), "Paid after expiry.");
    }

    private ObjectNode completed(SandboxSession session, String paymentIntent) {
        ObjectNode object = sessionObject(session);
        object.put("status", "complete");
        object.put("payment_status", "paid");
        object.put("payment_intent", paymentIntent);
        return object;
    }

    private ObjectNode expired(SandboxSession session) {
        ObjectNode object = sessionObject(session);
        object.put("status", "expired");
        object.put("payment_status", "unpaid");
        object.putNull("payment_intent");
        return object;
    }

    private ObjectNode sessionObject(SandboxSession session) {
        ObjectNode object = JSON.createObjectNode();
        object.put("id", session.id());
        object.put("object", "checkout.session");
        object.put("amount_subtotal", session.amount());
        object.put("amount_total", session.amount());
        object.put("currency", session.currency().toLowerCase(Locale.ROOT));
        object.put("client_reference_id", session.orderId().toString());
        object.put("customer_email", session.customerEmail());
        object.putObject("customer_details").put("email", session.customerEmail());
        object.put("expires_at", session.expiresAt().getEpochSecond());
        object.put("livemode", false);
        object.put("mode", "payment");
        object.put("success_url", session.successUrl());
        object.put("cancel_url", session.cancelUrl());
        object.putNull("url");
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("orderId", session.orderId().toString());
        metadata.put("paymentId", session.paymentId().toString());
        metadata.put("orderNumber", session.orderNumber());
        return object;
    }

    /** Posts the event to the webhook endpoint; true when it answered 2xx. */
    private boolean deliver(String type, ObjectNode object) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "evt_sandbox_" + SandboxSessions.randomId(24));
        event.put("object", "event");
        event.put("api_version", Stripe.API_VERSION);
        event.put("created", clock.instant().getEpochSecond());
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.putObject("request").putNull("id").putNull("idempotency_key");
        event.put("type", type);
        event.putObject("data").set("object", object);
        String payload = JSON.writeValueAsString(event);
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", signing.signatureHeader(payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                log.warn("Sandbox webhook {} answered {}: {}", type, response.statusCode(), response.body());
                return false;
            }
            return true;
        } catch (IOException e) {
            log.warn("Sandbox webhook {} could not be delivered: {}", type, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String webhookUrl() {
        String configured = properties.webhookUrl();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return "http://localhost:" + environment.getProperty("local.server.port", "8085") + "/webhooks/stripe";
    }
}
