package dev.atelier.customer.authserver;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.atelier.customer.secrets.SecretBox;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys that sign tokens, kept in the database so that a restart or a second replica signs with the same
 * key and every published key stays valid. The newest key signs; a replaced key stays published for
 * {@code keepPublishedFor} so that tokens it signed keep validating, then it is retired. Replicas read the keys
 * again every {@link #RELOAD_EVERY}; creating and retiring keys takes an advisory lock so two replicas never both
 * rotate.
 */
@Component
class SigningKeys {

    static final Duration RELOAD_EVERY = Duration.ofSeconds(30);
    private static final long ROTATION_LOCK = 0x5349474E4B455953L; // "SIGNKEYS"

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SecretBox secrets;
    private final Clock clock;
    private final IdentityProperties.Keys settings;
    private volatile @Nullable Snapshot snapshot;

    private record Snapshot(RSAKey current, JWKSet published, Instant loadedAt) {
    }

    private record StoredKey(String kid, byte[] publicKey, byte[] sealedPrivateKey, Instant createdAt) {
    }

    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, SecretBox secrets, Clock clock,
            IdentityProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.secrets = secrets;
        this.clock = clock;
        this.settings = properties.keys();
    }

    /** The key that signs new tokens. */
    RSAKey current() {
        return snapshot().current();
    }

    /** Every key a token still in circulation may have been signed with (private parts included; JWKS prints public). */
    JWKSet published() {
        return snapshot().published();
    }

    private Snapshot snapshot() {
        Snapshot seen = snapshot;
        if (seen == null || seen.loadedAt().plus(RELOAD_EVERY).isBefore(clock.instant())) {
            seen = load();
            if (seen == null) {
                rotateIfDue();
                seen = load();
            }
            if (seen == null) {
                throw new IllegalStateException("no signing key after creating one");
            }
            snapshot = seen;
        }
        return seen;
    }

    /**
     * Creates a key when there is none or the newest is older than {@code rotateAfter}, and retires keys replaced
     * longer than {@code keepPublishedFor} ago. Returns whether a key was created.
     */
    boolean rotateIfDue() {
        Boolean created = transactions.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(ROTATION_LOCK).query().singleRow();
            Instant now = clock.instant();
            List<StoredKey> active = activeKeys();
            boolean due = active.isEmpty() || active.getFirst().createdAt().plus(settings.rotateAfter()).isBefore(now);
            if (due) {
                insertNewKey(now);
            }
            retireReplaced(now);
            return due;
        });
        snapshot = null;
        return Boolean.TRUE.equals(created);
    }

    /** Replaces the signing key now, whatever its age (an operator's action after a suspected leak, and the tests). */
    void rotateNow() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(ROTATION_LOCK).query().singleRow();
            insertNewKey(clock.instant());
        });
        snapshot = null;
    }

    private void insertNewKey(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            jdbc.sql("INSERT INTO signing_key (kid, public_key, sealed_private_key, created_at) VALUES (?, ?, ?, ?)")
                    .params(UUID.randomUUID().toString(), pair.getPublic().getEncoded(),
                            secrets.seal(pair.getPrivate().getEncoded()), now.atOffset(ZoneOffset.UTC))
                    .update();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
    }

    private void retireReplaced(Instant now) {
        List<StoredKey> active = activeKeys();
        for (int i = 1; i < active.size(); i++) {
            Instant replacedAt = active.get(i - 1).createdAt();
            if (replacedAt.plus(settings.keepPublishedFor()).isBefore(now)) {
                jdbc.sql("UPDATE signing_key SET retired_at = ? WHERE kid = ?")
                        .params(now.atOffset(ZoneOffset.UTC), active.get(i).kid()).update();
            }
        }
    }

    private List<StoredKey> activeKeys() {
        return jdbc.sql("SELECT kid, public_key, sealed_private_key, created_at FROM signing_key "
                        + "WHERE retired_at IS NULL ORDER BY created_at DESC, kid")
                .query((rs, row) -> new StoredKey(rs.getString("kid"), rs.getBytes("public_key"),
                        rs.getBytes("sealed_private_key"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private @Nullable Snapshot load() {
        List<StoredKey> active = activeKeys();
        if (active.isEmpty()) {
            return null;
        }
        List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
        for (StoredKey stored : active) {
            keys.add(toJwk(stored));
        }
        return new Snapshot((RSAKey) keys.getFirst(), new JWKSet(keys), clock.instant());
    }

    private RSAKey toJwk(StoredKey stored) {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(stored.publicKey()));
            RSAPrivateKey privateKey = (RSAPrivateKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(secrets.open(stored.sealedPrivateKey())));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(stored.kid())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .issueTime(java.util.Date.from(stored.createdAt())).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + stored.kid() + " cannot be read", e);
        }
    }
}
