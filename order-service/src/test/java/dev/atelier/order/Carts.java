package dev.atelier.order;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Priced carts as cart-service answers them, named after what they hold. */
public final class Carts {

    private final UUID id = UUID.randomUUID();
    private long version = 7;
    private @Nullable String coupon;
    private final List<String> lines = new ArrayList<>();
    private final List<String> blockers = new ArrayList<>();
    private long subtotal;
    private @Nullable UUID customerId;
    private @Nullable String giftMessage;

    public static Carts aCart() {
        return new Carts();
    }

    /** Two personalised mugs at 14.99 each. */
    public static Carts aCartWithTwoPersonalisedMugs() {
        return aCart().with("MUG-XMAS-001", 2, 1499);
    }

    /** The picture of the mug's personalisation the storefront drew, as cart answers it. */
    public static final String MUG_PREVIEW = "/api/catalog/media/5b0c1f7e-3d2a-4c8e-9f61-2a7d9e4b8c10";

    public Carts with(String sku, int quantity, long unitPrice) {
        return with(sku, "Personalised Christmas Mug", quantity, unitPrice,
                "{\"name\": \"Sophie\", \"font\": \"Script MT\"}", "{\"name\": \"Name\", \"font\": \"Font\"}",
                MUG_PREVIEW);
    }

    /** An engraved keyring with a colour and an uploaded photo. */
    public Carts withAnEngravedKeyring() {
        return with("KEYRING-ENG-001", "Engraved Photo Keyring", 1, 999,
                "{\"initials\": \"SH\", \"colour\": \"#d4a017\", \"photo\": \"/media/uploads/sophie.jpg\"}",
                "{\"initials\": \"Initials\", \"colour\": \"Colour\", \"photo\": \"Photo\"}");
    }

    public Carts with(String sku, String name, int quantity, long unitPrice, String personalisation, String labels) {
        return with(sku, name, quantity, unitPrice, personalisation, labels, null);
    }

    public Carts with(String sku, String name, int quantity, long unitPrice, String personalisation, String labels,
            @Nullable String previewUrl) {
        subtotal += unitPrice * quantity;
        lines.add("""
                {"lineId": "%s", "sku": "%s", "quantity": %d, "name": "%s",
                 "attributes": {"size": "11oz"}, "imageUrl": "/media/mug.webp",
                 "personalisation": %s, "personalisationLabels": %s, "taxClass": "STANDARD",
                 "unitPrice": {"amount": %d, "currency": "GBP"}, "lineTotal": {"amount": %d, "currency": "GBP"},
                 "available": true, "priceChanged": false, "previousUnitPrice": null, "previewUrl": %s}"""
                .formatted(UUID.randomUUID(), sku, quantity, name, personalisation, labels, unitPrice,
                        unitPrice * quantity, previewUrl == null ? "null" : "\"" + previewUrl + "\""));
        return this;
    }

    public Carts withCoupon(String code) {
        this.coupon = code;
        return this;
    }

    /** The cart of a signed-in customer. */
    public Carts forCustomer(UUID customerId) {
        this.customerId = customerId;
        return this;
    }

    /** Gift-wrapped, with a message for the recipient (no quotes or backslashes in it). */
    public Carts asAGift(String message) {
        this.giftMessage = message;
        return this;
    }

    public Carts atVersion(long version) {
        this.version = version;
        return this;
    }

    public Carts blockedBy(String code, String message) {
        blockers.add("{\"code\": \"%s\", \"lineId\": null, \"message\": \"%s\"}".formatted(code, message));
        return this;
    }

    public UUID id() {
        return id;
    }

    public long version() {
        return version;
    }

    public long total() {
        return subtotal - discount() + 395;
    }

    private long discount() {
        return coupon == null ? 0 : 300;
    }

    public String json() {
        long total = total();
        return """
                {"id": "%s", "version": %d, "status": "OPEN", "customerId": %s, "email": null, "currency": "GBP",
                 "lines": [%s],
                 "coupon": %s,
                 "gift": {"wrap": %s, "message": %s, "hidePrices": false},
                 "shipping": {"option": "standard", "country": "GB", "price": {"amount": 395, "currency": "GBP"}},
                 "totals": {"subtotal": {"amount": %d, "currency": "GBP"}, "discount": {"amount": %d, "currency": "GBP"},
                   "shipping": {"amount": 395, "currency": "GBP"}, "giftWrap": {"amount": 0, "currency": "GBP"},
                   "tax": {"amount": %d, "currency": "GBP"}, "total": {"amount": %d, "currency": "GBP"},
                   "taxIncluded": true},
                 "checkoutBlockers": [%s]}"""
                .formatted(id, version, customerId == null ? "null" : "\"" + customerId + "\"",
                        String.join(",", lines),
                        coupon == null ? "null" : "{\"code\": \"%s\", \"discount\": {\"amount\": 300, \"currency\": \"GBP\"}}"
                                .formatted(coupon), giftMessage != null,
                        giftMessage == null ? "null" : "\"" + giftMessage + "\"",
                        subtotal, discount(), total / 6, total, String.join(",", blockers));
    }

    /** Puts this cart behind the stub and returns it. */
    public Carts served() {
        CartStub.serves(id, json());
        return this;
    }
}
