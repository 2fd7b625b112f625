package dev.atelier.order.checkout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A guest's key to one order: HMAC-SHA256 of the order id under the service's secret. Unguessable without the
 * secret, never stored, the same however often it is computed (so a repeated checkout returns the same token).
 */
@Component
class OrderTokens {

    private final SecretKeySpec key;

    OrderTokens(CheckoutProperties properties) {
        this.key = new SecretKeySpec(properties.tokenSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String tokenFor(UUID orderId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(orderId));
    }

    boolean matches(UUID orderId, @Nullable String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(orderId), given);
    }

    private byte[] mac(UUID orderId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(ByteBuffer.allocate(16).putLong(orderId.getMostSignificantBits())
                    .putLong(orderId.getLeastSignificantBits()).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
