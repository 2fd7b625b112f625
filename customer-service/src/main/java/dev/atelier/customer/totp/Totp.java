package dev.atelier.customer.totp;

import dev.atelier.customer.account.Customer;
import dev.atelier.customer.account.Customers;
import dev.atelier.customer.secrets.SecretBox;
import dev.atelier.web.totp.OneTimeCodes;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.util.Utils;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * RFC 6238 codes (SHA-1, six digits, 30 s steps, one step of drift either way; computed and compared in constant
 * time by platform/web's {@link OneTimeCodes}) for staff accounts. A code is accepted once: the account remembers the
 * last step used and a code of that step or an earlier one is refused, with one conditional UPDATE so that two
 * requests racing with the same code cannot both pass. The QR code of an enrolment is drawn by the totp library.
 */
@Service
public class Totp {

    private static final int DRIFT_STEPS = 1;

    private final Customers customers;
    private final SecretBox secrets;
    private final RecoveryCodes recoveryCodes;
    private final Clock clock;

    Totp(Customers customers, SecretBox secrets, RecoveryCodes recoveryCodes, Clock clock) {
        this.customers = customers;
        this.secrets = secrets;
        this.recoveryCodes = recoveryCodes;
        this.clock = clock;
    }

    /** A new secret, shown once as a QR code and as text for manual entry. */
    public record Enrolment(String secret, String otpauthUri, String qrCodeDataUri) {
    }

    /**
     * The enrolment of an account without a second factor: the secret waiting for its first code, or a fresh one.
     * It is not a second factor until {@link #confirmEnrolment} passes.
     */
    public Enrolment enrolment(Customer customer, String issuer) {
        if (customer.hasSecondFactor()) {
            throw new IllegalStateException("the account already has an authenticator");
        }
        String pending = customer.sealedTotpSecret();
        String secret = pending != null ? secrets.openText(pending) : OneTimeCodes.newSecret();
        if (pending == null) {
            customers.startTotpEnrolment(customer.id(), secrets.sealText(secret));
        }
        QrData data = new QrData.Builder().label(customer.email()).secret(secret).issuer(issuer)
                .algorithm(HashingAlgorithm.SHA1).digits(OneTimeCodes.DIGITS).period((int) OneTimeCodes.STEP_SECONDS)
                .build();
        try {
            ZxingPngQrGenerator qr = new ZxingPngQrGenerator();
            return new Enrolment(secret, data.getUri(), Utils.getDataUriForImage(qr.generate(data), qr.getImageMimeType()));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("could not draw the QR code", e);
        }
    }

    /**
     * Confirms enrolment with a first code from the app; on success the account has a second factor and the ten
     * recovery codes returned here are the only time they are shown.
     */
    public java.util.Optional<List<String>> confirmEnrolment(UUID customerId, String code) {
        Customer customer = customers.byId(customerId).orElseThrow();
        if (customer.hasSecondFactor() || customer.sealedTotpSecret() == null || !matchesOnce(customer, code.strip())) {
            return java.util.Optional.empty();
        }
        customers.completeTotpEnrolment(customerId);
        return java.util.Optional.of(recoveryCodes.replaceAll(customerId));
    }

    /** Installs a known secret as enrolled (the first admin from configuration). */
    void enrolWithSecret(UUID customerId, String secret) {
        customers.startTotpEnrolment(customerId, secrets.sealText(secret));
        customers.completeTotpEnrolment(customerId);
    }

    /** Whether {@code code} is a valid, unused TOTP code of the enrolled account, or one of its recovery codes. */
    public boolean verifySecondFactor(Customer customer, String code) {
        if (!customer.hasSecondFactor()) {
            return false;
        }
        String compact = code.replace(" ", "").replace("-", "");
        if (compact.length() == OneTimeCodes.DIGITS && compact.chars().allMatch(Character::isDigit)) {
            return matchesOnce(customer, compact);
        }
        return recoveryCodes.use(customer.id(), code);
    }

    private boolean matchesOnce(Customer customer, String code) {
        String sealed = customer.sealedTotpSecret();
        if (sealed == null) {
            return false;
        }
        OptionalLong step = OneTimeCodes.of(secrets.openText(sealed))
                .matchingStep(code, OneTimeCodes.step(clock.instant()), DRIFT_STEPS);
        return step.isPresent() && customers.useTotpStep(customer.id(), step.getAsLong());
    }
}
