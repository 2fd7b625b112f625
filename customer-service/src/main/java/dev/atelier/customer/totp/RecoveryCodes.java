package dev.atelier.customer.totp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ten single-use codes that stand in for the authenticator app. They are random (50 bits each), so a plain
 * SHA-256 is enough to keep them unreadable at rest; a slow password hash would only slow down sign-in.
 * Using one is a single conditional UPDATE: it works once, even under concurrent attempts.
 */
@Component
class RecoveryCodes {

    static final int COUNT = 10;
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    RecoveryCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    List<String> replaceAll(UUID customerId) {
        jdbc.sql("DELETE FROM recovery_code WHERE customer_id = ?").param(customerId).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String code = newCode();
            codes.add(code);
            jdbc.sql("INSERT INTO recovery_code (customer_id, code_hash) VALUES (?, ?)")
                    .params(customerId, hash(code)).update();
        }
        return codes;
    }

    boolean use(UUID customerId, String code) {
        return jdbc.sql("UPDATE recovery_code SET used_at = now() "
                        + "WHERE customer_id = ? AND code_hash = ? AND used_at IS NULL")
                .params(customerId, hash(code)).update() == 1;
    }

    int remaining(UUID customerId) {
        return jdbc.sql("SELECT count(*) FROM recovery_code WHERE customer_id = ? AND used_at IS NULL")
                .param(customerId).query(Integer.class).single();
    }

    private String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    private static String hash(String code) {
        String normal = code.strip().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normal.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
