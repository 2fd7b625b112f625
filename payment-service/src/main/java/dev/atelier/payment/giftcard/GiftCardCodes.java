package dev.atelier.payment.giftcard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Gift-card codes: 16 random characters of Crockford's base32 (80 bits from {@link SecureRandom}) and a check
 * character (Luhn mod 32), written {@code XXXX-XXXX-XXXX-XXXX-C}. The check character turns a mistyped code into a
 * 400 without a database look-up; the 80 bits make guessing a live code hopeless even without the rate limit.
 */
public final class GiftCardCodes {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int BODY = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private GiftCardCodes() {
    }

    /** A new code, formatted for people. */
    public static String generate() {
        StringBuilder body = new StringBuilder(BODY);
        for (int i = 0; i < BODY; i++) {
            body.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        String full = body.toString() + checkCharacter(body.toString());
        return full.substring(0, 4) + "-" + full.substring(4, 8) + "-" + full.substring(8, 12) + "-"
                + full.substring(12, 16) + "-" + full.substring(16);
    }

    /**
     * The canonical form of what a shopper typed (case, dashes and spaces ignored; O read as 0, I and L as 1), or
     * empty when it is not a well-formed code with a correct check character.
     */
    public static Optional<String> normalise(String typed) {
        StringBuilder code = new StringBuilder();
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char read = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(read) < 0) {
                return Optional.empty();
            }
            code.append(read);
        }
        if (code.length() != BODY + 1) {
            return Optional.empty();
        }
        String body = code.substring(0, BODY);
        return checkCharacter(body) == code.charAt(BODY) ? Optional.of(code.toString()) : Optional.empty();
    }

    /** What is stored: the SHA-256 of the canonical code. */
    static byte[] hash(String canonical) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Luhn mod N over the base32 alphabet: catches every single-character error and most swaps of neighbours. */
    static char checkCharacter(String body) {
        int n = ALPHABET.length();
        int factor = 2;
        int sum = 0;
        for (int i = body.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(body.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return ALPHABET.charAt((n - sum % n) % n);
    }
}
