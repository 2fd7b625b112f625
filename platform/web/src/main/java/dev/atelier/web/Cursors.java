package dev.atelier.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Opaque, tamper-evident page cursors. A cursor carries the sort key of the last item of a page, signed with
 * HMAC-SHA256 under the service's cursor secret, so a client can hand it back but not forge one: a cursor that
 * was not handed out is a 400 {@code invalid-cursor}, never a query with a key the client chose. The signature
 * guards integrity only; a key is not secret (it is the last item's sort key, which the client has seen).
 */
public final class Cursors {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public Cursors(String secret) {
        if (secret.length() < 16) {
            throw new IllegalArgumentException("atelier.web.cursor-secret must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String encode(String sortKey) {
        byte[] payload = sortKey.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The sort key a cursor carries, or {@code null} for no cursor (the first page). */
    public @Nullable String decode(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot == cursor.length() - 1) {
            throw forged();
        }
        try {
            byte[] payload = DECODER.decode(cursor.substring(0, dot));
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                throw forged();
            }
            return new String(payload, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw forged();
        }
    }

    /** The page size asked for, {@code defaultLimit} when none; outside 1..max is a 400 naming the bounds. */
    public static int limit(@Nullable Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > max) {
            throw ProblemException.validation(java.util.List.of(
                    new FieldProblem("limit", "must be between 1 and " + max + ", was " + requested)));
        }
        return requested;
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static ProblemException forged() {
        return ProblemException.badRequest("invalid-cursor", "cursor is not one this API handed out");
    }
}
