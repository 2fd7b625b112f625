package dev.atelier.web.totp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The codes of one secret as an authenticator app computes them (RFC 6238: HMAC-SHA1, six digits, 30-second steps)
 * from the Base32 text the app is given. It holds no state beyond the key: remembering which step was used, so that a
 * code is accepted once, is the verifier's business (customer-service).
 */
public final class OneTimeCodes {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    /** Bytes of a new secret: 160 bits, the HMAC-SHA1 key length RFC 4226 recommends, 32 Base32 characters. */
    static final int SECRET_BYTES = 20;

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALGORITHM = "HmacSHA1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private OneTimeCodes(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * The codes of a Base32 secret as an app accepts it: case, spaces and {@code =} padding do not matter.
     *
     * @throws IllegalArgumentException if the secret is empty or has a character outside the Base32 alphabet
     */
    public static OneTimeCodes of(String base32Secret) {
        byte[] key = decode(base32Secret);
        if (key.length == 0) {
            throw new IllegalArgumentException("the TOTP secret is empty");
        }
        return new OneTimeCodes(key);
    }

    /** A new random secret of 160 bits in Base32 (32 characters, no padding), for enrolment. */
    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return encode(key);
    }

    /** The 30-second step {@code at} falls in (RFC 6238's T, counted from the epoch). */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The six-digit code of a step, zero-padded. */
    public String at(long step) {
        byte[] hash = hmac(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
    }

    /** The code of the step {@code at} falls in. */
    public String at(Instant at) {
        return at(step(at));
    }

    /**
     * The step within {@code driftSteps} of {@code currentStep} (either way, earliest first) whose code is
     * {@code code}, compared in constant time; empty if none is. The caller refuses a step it has already accepted.
     */
    public OptionalLong matchingStep(String code, long currentStep, int driftSteps) {
        if (driftSteps < 0) {
            throw new IllegalArgumentException("driftSteps must not be negative: " + driftSteps);
        }
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        for (long step = currentStep - driftSteps; step <= currentStep + driftSteps; step++) {
            if (MessageDigest.isEqual(at(step).getBytes(StandardCharsets.US_ASCII), given)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    static byte[] decode(String secret) {
        String clean = secret.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : clean.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("the TOTP secret is not Base32: '" + c + "'");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return Arrays.copyOf(out, index);
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }
}
