package dev.atelier.cart.privacy;

import dev.atelier.events.EventJson;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.events.customer.CustomerRegistered;
import dev.atelier.events.customer.CustomerVerificationRequested;
import dev.atelier.events.customer.PasswordResetRequested;
import dev.atelier.events.customer.ReminderDue;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.IgnoredEvents;
import dev.atelier.messaging.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * cart-service's part of a customer's data requests (docs/customer-data-requests.md). Export: the customer's carts
 * (by account, and guest carts under the request's e-mail) with their lines, gift choices and coupon uses, as
 * {@link CustomerDataPartReady}. Erasure: those carts deleted (their lines with them), the e-mail and the
 * recovery-mail opt-out forgotten, coupon redemptions kept for the usage figures with the e-mail replaced by
 * {@code erased}, then {@link CustomerErasureConfirmed} with the counts. Each runs in the inbox's transaction, so a
 * redelivered request is applied once; a second request erases nothing more and confirms with zeros.
 * The other customer events carry nothing the cart acts on (consent changes: {@code abandonment}).
 */
@Component
@IgnoredEvents({CustomerRegistered.class, CustomerVerificationRequested.class, PasswordResetRequested.class,
        ReminderDue.class})
class CustomerDataRequests {

    static final String SERVICE = "cart-service";
    private static final Logger log = LoggerFactory.getLogger(CustomerDataRequests.class);

    private final CustomerRecords records;
    private final Outbox outbox;
    private final Clock clock;

    CustomerDataRequests(CustomerRecords records, Outbox outbox, Clock clock) {
        this.records = records;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventHandler
    void on(CustomerDataExportRequested request) {
        String email = normalise(request.email());
        List<Map<String, Object>> carts = new ArrayList<>(records.carts(request.customerId(), email));
        List<Map<String, Object>> redemptions = records.redemptions(request.customerId(), email);
        boolean unsubscribed = records.unsubscribed(email);
        String part = part(carts, redemptions, unsubscribed, 0);
        int omitted = 0;
        // newest first: past the contract's size, the oldest carts go and the part says how many
        while (part.getBytes(StandardCharsets.UTF_8).length > CustomerDataPartReady.MAX_PART_BYTES
                && !carts.isEmpty()) {
            carts.removeLast();
            omitted++;
            part = part(carts, redemptions, unsubscribed, omitted);
        }
        outbox.record(new CustomerDataPartReady(request.requestId(), request.customerId(), SERVICE, part,
                clock.instant()));
        log.info("Export {}: {} carts, {} coupon uses ({} omitted for size)", request.requestId(), carts.size(),
                redemptions.size(), omitted);
    }

    @EventHandler
    void on(CustomerErasureRequested request) {
        String email = normalise(request.email());
        long deleted = records.deleteCarts(request.customerId(), email) + records.forgetUnsubscribe(email);
        long anonymised = records.anonymiseRedemptions(request.customerId(), email);
        outbox.record(new CustomerErasureConfirmed(request.requestId(), request.customerId(), SERVICE, deleted,
                anonymised, clock.instant()));
        log.info("Erasure {}: {} records deleted, {} anonymised", request.requestId(), deleted, anonymised);
    }

    private static String part(List<Map<String, Object>> carts, List<Map<String, Object>> redemptions,
            boolean unsubscribed, int omitted) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("service", SERVICE);
        part.put("about", "Shopping carts you used on the store (signed in, or as a guest with this e-mail), what"
                + " was in them, and the coupons your orders used.");
        part.put("carts", carts);
        if (omitted > 0) {
            part.put("oldestCartsOmitted", omitted);
        }
        part.put("couponUses", redemptions);
        part.put("abandonedCartRemindersStopped", unsubscribed);
        return EventJson.mapper().writeValueAsString(part);
    }

    static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
