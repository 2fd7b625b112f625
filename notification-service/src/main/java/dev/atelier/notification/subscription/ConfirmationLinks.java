package dev.atelier.notification.subscription;

import dev.atelier.notification.consent.ConsentProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring confirmation links: the token carries the address and its expiry with an HMAC-SHA256 under a key
 * derived from the consent secret for this purpose only, so an unsubscribe token can never confirm a subscription.
 */
@Component
class ConfirmationLinks {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 20;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final String baseUrl;

    ConfirmationLinks(ConsentProperties properties) {
        byte[] secret = properties.unsubscribeSecret().getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(mac(new SecretKeySpec(secret, ALGORITHM),
                "subscription-confirmation".getBytes(StandardCharsets.UTF_8)), ALGORITHM);
        String base = properties.unsubscribeBaseUrl();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** What a valid token says: the address it confirms and until when. */
    record Confirmation(String address, Instant expiresAt) {

        boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    String urlFor(String address, Instant expiresAt) {
        return baseUrl + "/subscriptions/confirm?token=" + tokenFor(address, expiresAt);
    }

    String tokenFor(String address, Instant expiresAt) {
        byte[] payload = (expiresAt.getEpochSecond() + ":" + address.trim().toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The token's confirmation, expired or not; empty when this service did not sign it or it is malformed. */
    Optional<Confirmation> read(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            if (!MessageDigest.isEqual(sign(payload), DECODER.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            String text = new String(payload, StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return Optional.of(new Confirmation(text.substring(colon + 1),
                    Instant.ofEpochSecond(Long.parseLong(text.substring(0, colon)))));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(byte[] payload) {
        return Arrays.copyOf(mac(key, payload), SIGNATURE_BYTES);
    }

    private static byte[] mac(SecretKeySpec key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
