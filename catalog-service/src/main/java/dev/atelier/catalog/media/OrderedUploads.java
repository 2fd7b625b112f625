package dev.atelier.catalog.media;

import dev.atelier.catalog.storefront.RenderedReads;
import dev.atelier.events.order.OrderConfirmed;
import dev.atelier.events.order.OrderLine;
import dev.atelier.messaging.inbox.EventHandler;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A paid order keeps the shoppers' uploads it names for ever: an IMAGE option's value is the id of the photo's upload,
 * so every personalisation value of the order's lines that is an upload id marks that upload as ordered, in the
 * transaction of the inbox row. The preview picture the storefront draws is not in the order (OrderLine has no field
 * for it), so it is never marked: it goes with the unordered uploads after {@code keep-unordered}.
 * The other events of order.order are declared ignored by the sales feature.
 */
@Component
class OrderedUploads {

    private static final Logger log = LoggerFactory.getLogger(OrderedUploads.class);
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final MediaLibrary library;
    private final RenderedReads reads;

    OrderedUploads(MediaLibrary library, RenderedReads reads) {
        this.library = library;
        this.reads = reads;
    }

    @EventHandler
    void on(OrderConfirmed order) {
        Set<UUID> named = new LinkedHashSet<>();
        for (OrderLine line : order.lines()) {
            for (String value : line.personalisation().values()) {
                if (value != null && UUID_TEXT.matcher(value.strip()).matches()) {
                    named.add(UUID.fromString(value.strip()));
                }
            }
        }
        int marked = library.ordered(named, order.confirmedAt());
        if (marked < named.size()) {
            // the others are text values that look like ids, product photos, or uploads given up already: the maker
            // of this order has lost those, which someone must hear of
            List<UUID> lost = library.givenUpAmong(named);
            if (!lost.isEmpty()) {
                log.warn("Order {} names shoppers' uploads older than the retention kept, already deleted or being "
                        + "deleted: {}", order.orderNumber(), lost);
            }
        }
        // the marks show in no kept storefront answer
        reads.noneShown();
    }
}
