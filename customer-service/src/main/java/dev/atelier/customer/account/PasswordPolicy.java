package dev.atelier.customer.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be (NIST SP 800-63B's advice: length over composition rules): at least
 * {@code minLength} characters, at most 72 bytes (bcrypt reads no further), and not one of the common breached
 * passwords shipped in {@code common-passwords.txt} (compared case-insensitively).
 */
public final class PasswordPolicy {

    static final int MAX_BYTES = 72;

    private final int minLength;
    private final Set<String> common;

    PasswordPolicy(int minLength, Set<String> common) {
        this.minLength = minLength;
        this.common = Set.copyOf(common);
    }

    static PasswordPolicy withShippedList(int minLength) {
        Set<String> common = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the classpath");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).forEach(common::add);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new PasswordPolicy(minLength, common);
    }

    /** Why the password is refused, or empty when it is acceptable. */
    public Optional<String> problemWith(String password) {
        if (password.codePointCount(0, password.length()) < minLength) {
            return Optional.of("Use at least " + minLength + " characters; a few unrelated words make a good one.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("Use at most " + MAX_BYTES + " bytes (about 70 letters).");
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            return Optional.of("This password appears in lists of breached passwords; choose another.");
        }
        return Optional.empty();
    }

    public int minLength() {
        return minLength;
    }
}
