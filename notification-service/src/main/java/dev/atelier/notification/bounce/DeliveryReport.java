package dev.atelier.notification.bounce;

import java.util.UUID;

/**
 * One failed recipient of a delivery status notification (RFC 3464), with the e-mail log id it was traced to:
 * {@code status} is the enhanced code ({@code 5.1.1}), {@code diagnostic} what the remote server said.
 */
record DeliveryReport(UUID emailId, String recipient, String status, String diagnostic) {
}
