package dev.atelier.notification.privacy;

import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.messaging.inbox.EventHandler;
import org.springframework.stereotype.Component;

/** customer-service's data requests, answered for what this service keeps: the export part and the erasure. */
@Component
class CustomerDataHandlers {

    private final CustomerDataExport export;
    private final CustomerErasure erasure;

    CustomerDataHandlers(CustomerDataExport export, CustomerErasure erasure) {
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
