package dev.atelier.catalog.privacy;

import dev.atelier.catalog.review.ProductReviews;
import dev.atelier.catalog.storefront.RenderedReads;
import dev.atelier.events.EventJson;
import dev.atelier.events.customer.CustomerDataExportRequested;
import dev.atelier.events.customer.CustomerDataPartReady;
import dev.atelier.events.customer.CustomerErasureConfirmed;
import dev.atelier.events.customer.CustomerErasureRequested;
import dev.atelier.events.customer.CustomerRegistered;
import dev.atelier.events.customer.CustomerVerificationRequested;
import dev.atelier.events.customer.MarketingConsentChanged;
import dev.atelier.events.customer.PasswordResetRequested;
import dev.atelier.events.customer.ReminderDue;
import dev.atelier.messaging.inbox.EventHandler;
import dev.atelier.messaging.inbox.IgnoredEvents;
import dev.atelier.messaging.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The catalogue's answer to a customer's data request (docs/customer-data-requests.md). What it holds of a person:
 * their reviews (text, name shown, rating) and which SKUs they bought (for "verified purchase"). Export: both as
 * JSON in a CustomerDataPartReady; erasure: unpublished reviews and purchases deleted, published reviews anonymised
 * (their rating stays in the product's average), then CustomerErasureConfirmed with the counts. Both answers are
 * recorded in the outbox in the transaction of the work, and the inbox makes a redelivered request a no-op. The
 * other events of customer.customer concern no data of the catalogue.
 */
@Component
@IgnoredEvents({CustomerRegistered.class, CustomerVerificationRequested.class, PasswordResetRequested.class,
        ReminderDue.class, MarketingConsentChanged.class})
class DataRequestHandlers {

    static final String SERVICE = "catalog-service";

    private final ProductReviews reviews;
    private final Outbox outbox;
    private final Clock clock;
    private final RenderedReads reads;

    DataRequestHandlers(ProductReviews reviews, Outbox outbox, RenderedReads reads) {
        this.reviews = reviews;
        this.outbox = outbox;
        this.reads = reads;
        this.clock = Clock.systemUTC();
    }

    @EventHandler
    void on(CustomerDataExportRequested request) {
        List<Map<String, Object>> written = reviews.of(request.customerId()).stream().map(line -> {
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("product", line.productName());
            review.put("productSlug", line.productSlug());
            review.put("rating", line.rating());
            review.put("title", line.title());
            review.put("text", line.text());
            review.put("nameShown", line.authorName());
            review.put("status", line.status().name());
            review.put("verifiedPurchase", line.verifiedPurchase());
            review.put("writtenAt", line.createdAt().toString());
            return review;
        }).toList();
        List<Map<String, Object>> bought = reviews.purchasesOf(request.customerId()).stream().map(purchase -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", purchase.sku());
            line.put("orderId", purchase.orderId().toString());
            line.put("paidAt", purchase.confirmedAt() == null ? null : purchase.confirmedAt().toString());
            line.put("deliveredAt", purchase.deliveredAt() == null ? null : purchase.deliveredAt().toString());
            return line;
        }).toList();
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("reviews", written);
        part.put("purchasesKnownForReviews", bought);
        String json = EventJson.mapper().writeValueAsString(part);
        if (json.getBytes(StandardCharsets.UTF_8).length > CustomerDataPartReady.MAX_PART_BYTES) {
            // a person writes far fewer reviews than that; should it ever happen, the texts go and the facts stay
            written.forEach(review -> review.put("text", "(omitted: the export is limited to 512 KiB)"));
            json = EventJson.mapper().writeValueAsString(part);
        }
        outbox.record(new CustomerDataPartReady(request.requestId(), request.customerId(), SERVICE, json,
                clock.instant()));
        reads.noneShown();
    }

    @EventHandler
    void on(CustomerErasureRequested request) {
        ProductReviews.Erased erased = reviews.erase(request.customerId());
        outbox.record(new CustomerErasureConfirmed(request.requestId(), request.customerId(), SERVICE,
                erased.deleted(), erased.anonymised(), clock.instant()));
        // rare, and it rewrites reviews: the storefront renders afresh rather than reason about what it shows
        reads.anythingMayChange();
    }
}
