package dev.atelier.order.privacy;

import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.events.customer.CustomerRegistered;
import dev.atelier.events.customer.CustomerVerificationRequested;
import dev.atelier.events.customer.MarketingConsentChanged;
import dev.atelier.events.customer.PasswordResetRequested;
import dev.atelier.events.customer.ReminderDue;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.IgnoredEvents;
import org.springframework.stereotype.Component;

/**
 * customer-service's data requests, answered for the orders: the export part and the erasure. The account's other
 * events are customer-service's and notification's business; orders need nothing from them.
 */
@Component
@IgnoredEvents({CustomerRegistered.class, CustomerVerificationRequested.class, PasswordResetRequested.class,
        ReminderDue.class, MarketingConsentChanged.class})
class CustomerDataHandlers {

    private final CustomerOrdersExport export;
    private final OrderErasure erasure;

    CustomerDataHandlers(CustomerOrdersExport export, OrderErasure erasure) {
        this.export = export;
        this.erasure = erasure;
    }

    @EventHandler
    void on(CustomerDataExportRequested request) {
        export.answer(request);
    }

    @EventHandler
    void on(CustomerErasureRequested request) {
        erasure.erase(request);
    }
}
