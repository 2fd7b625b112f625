package dev.atelier.web;

import org.jspecify.annotations.Nullable;

/**
 * Who made an admin change, for audit columns and ledgers. The gateway signs staff in and passes the account in
 * {@code X-Atelier-Actor}; without it the change is attributed to the admin API itself.
 */
public final class Actors {

    public static final String HEADER = "X-Atelier-Actor";
    static final String ANONYMOUS = "admin-api";
    private static final int MAX_LENGTH = 120;

    private Actors() {
    }

    public static String of(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return ANONYMOUS;
        }
        String actor = header.strip();
        return actor.length() > MAX_LENGTH ? actor.substring(0, MAX_LENGTH) : actor;
    }
}
