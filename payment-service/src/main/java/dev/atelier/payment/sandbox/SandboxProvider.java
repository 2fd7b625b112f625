package dev.atelier.payment.sandbox;

import dev.atelier.payment.provider.OpenedSession;
import dev.atelier.payment.provider.PaymentProvider;
import dev.atelier.payment.provider.PaymentProviders;
import dev.atelier.payment.provider.ProviderRejectedException;
import dev.atelier.payment.provider.RefundRequest;
import dev.atelier.payment.provider.SessionRequest;
import dev.atelier.payment.provider.SessionState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The local provider: sessions live in this service's database and are paid on its own page, which reports back
 * through the same signed webhooks Stripe sends. It needs no keys, so it serves every method without a provider.
 */
@Component
class SandboxProvider implements PaymentProvider {

    private final SandboxSessions sessions;
    private final SandboxProperties properties;
    private final SandboxSigning signing;

    SandboxProvider(SandboxSessions sessions, SandboxProperties properties, SandboxSigning signing) {
        this.sessions = sessions;
        this.properties = properties;
        this.signing = signing;
    }

    @Override
    public String name() {
        return PaymentProviders.SANDBOX;
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public OpenedSession openSession(SessionRequest request) {
        SandboxSession session = sessions.open(request, request.successUrl(), request.cancelUrl());
        return new OpenedSession(session.id(), properties.publicUrl() + "/pay/sandbox/" + session.id(),
                session.expiresAt());
    }

    @Override
    public SessionState fetchSession(String sessionId) {
        SandboxSession session = sessions.find(sessionId)
                .orElseThrow(() -> new ProviderRejectedException("no sandbox session " + sessionId, null));
        return new SessionState(session.id(), session.status().toLowerCase(Locale.ROOT),
                "COMPLETE".equals(session.status()) ? "paid" : "unpaid", session.paymentIntent(), session.amount(),
                session.currency().toLowerCase(Locale.ROOT));
    }

    @Override
    public void expireSession(String sessionId) {
        sessions.expire(sessionId);
    }

    @Override
    public String refund(RefundRequest request) {
        // the same key gives the same refund, as with a real provider
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(request.idempotencyKey().getBytes(StandardCharsets.UTF_8));
            return "re_sandbox_" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<String> stripeWebhookSecret() {
        return Optional.of(signing.secret());
    }
}
