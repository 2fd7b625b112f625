package dev.atelier.notification.privacy;

import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.messaging.outbox.Outbox;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * notification-service's part of a customer's erasure, in the inbox's transaction. The e-mail log keeps that an
 * e-mail of a kind went out about an order, and when (what the store may need to show it informed a customer);
 * its recipient, subject, bodies, headers and last error become the marker {@code erased} or empty, the customer
 * and cart ids are cleared, and e-mails still queued are never sent. The order read model, consent, subscription
 * and bounce suppression of the customer and of the address are deleted. Erasing again finds nothing and confirms
 * with zeros. Plain JDBC: each step is one statement over every matching row.
 */
@Service
class CustomerErasure {

    static final String ERASED = "erased";

    private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    CustomerErasure(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public void erase(CustomerErasureRequested request) {
        String address = request.email().trim().toLowerCase(Locale.ROOT);
        int anonymised = jdbc.sql("""
                        UPDATE email SET recipient = :erased, subject = :erased, html_body = '', text_body = '',
                               headers = '{}', last_error = CASE WHEN last_error IS NULL THEN NULL ELSE :erased END,
                               customer_id = NULL, cart_id = NULL,
                               status = CASE WHEN status = 'QUEUED' THEN 'SUPPRESSED' ELSE status END,
                               next_attempt_at = CASE WHEN status = 'QUEUED' THEN NULL ELSE next_attempt_at END,
                               updated_at = now()
                        WHERE (customer_id = :customerId OR lower(recipient) = :address) AND recipient <> :erased""")
                .param("erased", ERASED).param("customerId", request.customerId()).param("address", address)
                .update();
        int deleted = delete("DELETE FROM order_view WHERE customer_id = :customerId OR lower(customer_email) = :address",
                request, address)
                + delete("DELETE FROM marketing_consent WHERE address = :address OR customer_id = :customerId", request,
                        address)
                + delete("DELETE FROM subscription_request WHERE address = :address", request, address)
                + delete("DELETE FROM suppression WHERE address = :address", request, address);
        outbox.record(new CustomerErasureConfirmed(request.requestId(), request.customerId(),
                CustomerDataExport.SERVICE, deleted, anonymised, clock.instant()));
        log.info("Erasure {} for customer {}: {} e-mail(s) anonymised, {} record(s) deleted", request.requestId(),
                request.customerId(), anonymised, deleted);
    }

    private int delete(String sql, CustomerErasureRequested request, String address) {
        return jdbc.sql(sql).param("customerId", request.customerId()).param("address", address).update();
    }
}
