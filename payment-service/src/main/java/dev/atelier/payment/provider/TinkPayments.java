package dev.atelier.payment.provider;

import java.util.Optional;

/** What Tink says about a payment request beyond the shared {@link PaymentProvider} view: the transfer itself. */
public interface TinkPayments {

    /** The transfer that decides the payment request (a paid one if any, else the latest); empty while none exists. */
    Optional<TinkTransfer> latestTransfer(String paymentRequestId);

    /** Whether Tink serves bank payments in this instance (credentials, account and webhook secret set). */
    boolean configured();
}
