package dev.atelier.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.events.Topics;
import dev.atelier.events.inventory.LowStockDetected;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.inventory.Http;
import dev.atelier.inventory.InventoryTest;
import dev.atelier.inventory.StockFixture;
import dev.atelier.testing.EventProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Staff's stock API over real HTTP: what it changes, what it refuses and how it says so. */
@InventoryTest
class StockAdminApiTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Value("${local.server.port}")
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private String registered(String prefix, long reorderPoint) {
        String sku = StockFixture.uniqueSku(prefix);
        Http.Answer created = http.post("/api/admin/inventory/skus",
                "{\"sku\":\"" + sku + "\",\"reorderPoint\":" + reorderPoint + ",\"reorderQuantity\":24}");
        assertThat(created.status()).isEqualTo(201);
        return sku;
    }

    @Test
    void registersReceivesAndAdjustsWithALedgerRowForEach() {
        String sku = registered("TEA", 0);

        Http.Answer received = http.post("/api/admin/inventory/skus/" + sku + "/receipts",
                "{\"quantity\":30,\"reference\":\"PO-1001\",\"note\":\"spring delivery\"}");
        Http.Answer adjusted = http.post("/api/admin/inventory/skus/" + sku + "/adjustments",
                "{\"delta\":-2,\"reason\":\"two mugs broken in the stock room\"}");
        Http.Answer ledger = http.get("/api/admin/inventory/skus/" + sku + "/ledger");

        assertThat(received.status()).isEqualTo(200);
        assertThat(received.body().get("onHand").asLong()).isEqualTo(30);
        assertThat(adjusted.body().get("available").asLong()).isEqualTo(28);
        JsonNode entries = ledger.body().get("items");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("kind").asString()).isEqualTo("ADJUST");
        assertThat(entries.get(0).get("onHandDelta").asLong()).isEqualTo(-2);
        assertThat(entries.get(0).get("actor").asString()).isEqualTo("alex@shop.example");
        assertThat(entries.get(0).get("reason").asString()).isEqualTo("two mugs broken in the stock room");
        assertThat(entries.get(1).get("kind").asString()).isEqualTo("RECEIVE");
        assertThat(entries.get(1).get("reference").asString()).isEqualTo("PO-1001");
    }

    @Test
    void answersBadInputWithProblemDetailsAndChangesNothing() {
        String sku = registered("BAD", 0);
        http.post("/api/admin/inventory/skus/" + sku + "/receipts", "{\"quantity\":5}");

        Http.Answer noReason = http.post("/api/admin/inventory/skus/" + sku + "/adjustments", "{\"delta\":-1}");
        Http.Answer zeroQuantity = http.post("/api/admin/inventory/skus/" + sku + "/receipts", "{\"quantity\":0}");
        Http.Answer negativeQuantity = http.post("/api/admin/inventory/skus/" + sku + "/receipts", "{\"quantity\":-3}");
        Http.Answer belowReserved = http.post("/api/admin/inventory/skus/" + sku + "/adjustments",
                "{\"delta\":-6,\"reason\":\"stock count\"}");
        Http.Answer unknown = http.post("/api/admin/inventory/skus/NOT-A-REAL-SKU/receipts", "{\"quantity\":1}");
        Http.Answer badSku = http.post("/api/admin/inventory/skus", "{\"sku\":\"lower case\"}");
        Http.Answer duplicate = http.post("/api/admin/inventory/skus", "{\"sku\":\"" + sku + "\"}");
        Http.Answer unreadable = http.post("/api/admin/inventory/skus/" + sku + "/receipts", "{\"quantity\":");

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        assertThat(noReason.body().get("type").asString()).isEqualTo("https://atelier.dev/problems/validation");
        assertThat(noReason.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(zeroQuantity.status()).isEqualTo(400);
        assertThat(zeroQuantity.body().get("detail").asString()).contains("quantity");
        assertThat(negativeQuantity.status()).isEqualTo(400);
        assertThat(belowReserved.status()).isEqualTo(409);
        assertThat(belowReserved.body().get("detail").asString()).contains("would leave -1 on hand");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("type").asString()).isEqualTo("https://atelier.dev/problems/unknown-sku");
        assertThat(unknown.body().get("sku").asString()).isEqualTo("NOT-A-REAL-SKU");
        assertThat(badSku.status()).isEqualTo(400);
        assertThat(badSku.body().get("errors").get(0).get("field").asString()).isEqualTo("sku");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/api/admin/inventory/skus/" + sku).body().get("onHand").asLong()).isEqualTo(5);
        assertThat(http.get("/api/admin/inventory/skus/" + sku + "/ledger").body().get("items")).hasSize(1);
    }

    @Test
    void announcesNewFiguresAndLowStockWhenAvailableCrossesTheReorderPoint() {
        try (EventProbe stockEvents = EventProbe.on(Topics.INVENTORY_STOCK)) {
            String sku = registered("LOW", 5);
            http.post("/api/admin/inventory/skus/" + sku + "/receipts", "{\"quantity\":8}");
            http.post("/api/admin/inventory/skus/" + sku + "/adjustments", "{\"delta\":-2,\"reason\":\"damaged\"}");
            http.post("/api/admin/inventory/skus/" + sku + "/adjustments", "{\"delta\":-1,\"reason\":\"damaged\"}");
            http.post("/api/admin/inventory/skus/" + sku + "/adjustments", "{\"delta\":-1,\"reason\":\"damaged\"}");

            LowStockDetected low = stockEvents.awaitEvent(LowStockDetected.class, e -> e.sku().equals(sku), DEADLINE);
            stockEvents.awaitEvent(StockLevelChanged.class, e -> e.sku().equals(sku) && e.available() == 4, DEADLINE);

            assertThat(low.available()).isEqualTo(5);
            assertThat(low.reorderPoint()).isEqualTo(5);
            assertThat(low.reorderQuantity()).isEqualTo(24);
            assertThat(stockEvents.events(LowStockDetected.class)).filteredOn(e -> e.sku().equals(sku)).hasSize(1);
            // announced at most once per interval, so the quick changes may come as fewer announcements; whatever
            // came is figures the SKU had, in the order it had them, ending with the last
            List<Long> announced = stockEvents.events(StockLevelChanged.class).stream()
                    .filter(e -> e.sku().equals(sku)).map(StockLevelChanged::available).toList();
            assertThat(announced).isNotEmpty().isSubsetOf(8L, 6L, 5L, 4L).isSortedAccordingTo(Comparator.reverseOrder())
                    .doesNotHaveDuplicates().endsWith(4L);
            JsonNode lowStock = http.get("/api/admin/inventory/low-stock?limit=200").body().get("items");
            assertThat(lowStock.valueStream().map(n -> n.get("sku").asString())).contains(sku);
        }
    }

    @Test
    void pagesTheLedgerWithACursor() {
        String sku = registered("PAGED", 0);
        for (int i = 1; i <= 5; i++) {
            http.post("/api/admin/inventory/skus/" + sku + "/receipts", "{\"quantity\":" + i + "}");
        }

        List<Long> quantities = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = http.get("/api/admin/inventory/skus/" + sku + "/ledger?limit=2" + cursor).body();
            page.get("items").forEach(entry -> quantities.add(entry.get("onHandDelta").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : "&cursor=" + page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(quantities).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(pages).isEqualTo(3);
        assertThat(http.get("/api/admin/inventory/skus/" + sku + "/ledger?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/api/admin/inventory/skus/" + sku + "/ledger?cursor=not-ours!").status()).isEqualTo(400);
    }

    @Test
    void tellsTheStorefrontWhatCanBeOrderedIncludingBundles() {
        String notebook = registered("NB", 0);
        String pen = registered("PN", 0);
        http.post("/api/admin/inventory/skus/" + notebook + "/receipts", "{\"quantity\":7}");
        http.post("/api/admin/inventory/skus/" + pen + "/receipts", "{\"quantity\":9}");
        String giftSet = StockFixture.uniqueSku("SET");
        Http.Answer defined = http.put("/api/admin/inventory/bundles/" + giftSet, "{\"components\":[{\"sku\":\"" + notebook
                + "\",\"quantity\":1},{\"sku\":\"" + pen + "\",\"quantity\":2}]}");

        JsonNode answer = http.get("/api/inventory/availability?sku=" + notebook + "&sku=" + giftSet + "&sku=UNKNOWN-1")
                .body();

        assertThat(defined.status()).isEqualTo(200);
        assertThat(answer.get(0).get("available").asLong()).isEqualTo(7);
        assertThat(answer.get(1).get("available").asLong()).isEqualTo(4);
        assertThat(answer.get(2).get("available").asLong()).isZero();
        assertThat(answer.get(2).get("known").asBoolean()).isFalse();
        assertThat(http.put("/api/admin/inventory/bundles/" + giftSet,
                "{\"components\":[{\"sku\":\"NO-SUCH-PART\",\"quantity\":1}]}").status()).isEqualTo(404);
        assertThat(http.put("/api/admin/inventory/bundles/" + notebook,
                "{\"components\":[{\"sku\":\"" + pen + "\",\"quantity\":1}]}").status()).isEqualTo(409);
        assertThat(http.get("/api/inventory/availability").status()).isEqualTo(400);
    }
}
