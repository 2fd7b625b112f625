package dev.atelier.notification.stock;

import dev.atelier.events.inventory.LowStockDetected;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.EventMetadata;
import dev.atelier.messaging.inbox.IgnoredEvents;
import dev.atelier.notification.dispatch.Cause;
import dev.atelier.notification.dispatch.Dispatcher;
import dev.atelier.notification.email.Category;
import org.springframework.stereotype.Component;

/** Each LowStockDetected (a crossing of the reorder point) alerts the workshop once. */
@Component
@IgnoredEvents(StockLevelChanged.class)
class LowStockHandlers {

    private final Dispatcher dispatcher;

    LowStockHandlers(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @EventHandler
    void on(LowStockDetected low, EventMetadata metadata) {
        dispatcher.send(LowStockMails.of(low, dispatcher.templates().branding()), Category.STAFF,
                dispatcher.templates().branding().staffEmail(),
                new Cause(low.sku() + ":" + metadata.eventId(), null, null, null, metadata.eventId()));
    }
}
