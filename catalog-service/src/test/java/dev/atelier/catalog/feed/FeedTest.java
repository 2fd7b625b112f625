package dev.atelier.catalog.feed;

import static dev.atelier.catalog.CatalogFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.catalog.CatalogFixture;
import dev.atelier.catalog.CatalogTest;
import dev.atelier.catalog.Http;
import dev.atelier.events.inventory.StockLevelChanged;
import dev.atelier.testing.EventPublisher;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

/** The Google Merchant feed and the sitemap data, read as a client would. */
@CatalogTest
class FeedTest {

    @Value("${local.server.port}")
    int port;

    Http http;
    CatalogFixture catalog;
    String hardware;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        catalog = new CatalogFixture(http);
        hardware = catalog.category(catalog.unique("hardware"), "Hardware", null);
    }

    private Document feed() throws Exception {
        Http.Raw answer = http.raw("/api/catalog/feeds/google.xml");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/rss+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer.body()));
    }

    /** The feed's items by g:id, each as its g: fields. */
    private static Map<String, Map<String, String>> items(Document feed) {
        Map<String, Map<String, String>> items = new HashMap<>();
        NodeList nodes = feed.getElementsByTagName("item");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element item = (Element) nodes.item(i);
            Map<String, String> fields = new HashMap<>();
            NodeList children = item.getElementsByTagNameNS(MerchantFeed.G, "*");
            for (int j = 0; j < children.getLength(); j++) {
                fields.put(children.item(j).getLocalName(), children.item(j).getTextContent());
            }
            items.put(fields.get("id"), fields);
        }
        return items;
    }

    @Test
    void listsEveryVariantOnSaleAsRss2WithTheGoogleNamespace() throws Exception {
        String gradeA = catalog.sku("SW-A");
        String gradeB = catalog.sku("SW-B");
        String slug = catalog.unique("catalyst");
        String id = catalog.published(draft("Cisco Catalyst 2960-X <48-port> & PoE", hardware, 38999)
                .with("slug", slug).with("brand", "Cisco")
                .variant(gradeA, Map.of("condition", "Refurbished - Grade A"), null, "WS-C2960X-48FPD-L")
                .variant(gradeB, Map.of("condition", "Used"), 29999L, "WS-C2960X-48FPD-L"));
        String draftSku = catalog.sku("DRAFT");
        catalog.create(draft("Not yet on sale", hardware, 1000).variant(draftSku, Map.of()));
        try (EventPublisher inventory = EventPublisher.toSharedBroker()) {
            inventory.publish(new StockLevelChanged(gradeA, 3, 0, 3));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "in_stock".equals(items(feed()).get(gradeA)
                .get("availability")));

        Document feed = feed();
        Map<String, Map<String, String>> items = items(feed);
        Map<String, String> a = items.get(gradeA);
        Map<String, String> b = items.get(gradeB);

        assertThat(feed.getDocumentElement().getTagName()).isEqualTo("rss");
        assertThat(feed.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        assertThat(feed.getElementsByTagName("channel").getLength()).isEqualTo(1);
        assertThat(a.get("title")).isEqualTo("Cisco Catalyst 2960-X <48-port> & PoE");
        assertThat(a.get("link")).isEqualTo("http://localhost:8080/products/" + slug);
        assertThat(a.get("price")).isEqualTo("389.99 GBP");
        assertThat(a.get("condition")).isEqualTo("refurbished");
        assertThat(a.get("mpn")).isEqualTo("WS-C2960X-48FPD-L");
        assertThat(a.get("brand")).isEqualTo("Cisco");
        assertThat(a.get("item_group_id")).isEqualTo(id);
        assertThat(b.get("price")).isEqualTo("299.99 GBP");
        assertThat(b.get("condition")).isEqualTo("used");
        assertThat(b.get("availability")).isEqualTo("out_of_stock");
        assertThat(items).doesNotContainKey(draftSku);
        assertThat(items.values()).allSatisfy(item -> assertThat(item).containsKeys("id", "title", "link", "price",
                "availability", "condition"));
    }

    @Test
    void theSitemapListsWhatIsOnSale() {
        String slug = catalog.unique("sitemap-mug");
        catalog.published(draft("Sitemap mug", hardware, 1000).with("slug", slug).variant(catalog.sku("SM"), Map.of()));
        String hidden = catalog.unique("hidden");
        catalog.create(draft("Hidden mug", hardware, 1000).with("slug", hidden).variant(catalog.sku("HID"), Map.of()));

        JsonNode sitemap = http.get("/api/catalog/sitemap").body();
        List<String> products = sitemap.get("products").valueStream().map(e -> e.get("path").asString()).toList();

        assertThat(products).contains("/products/" + slug).doesNotContain("/products/" + hidden);
        assertThat(sitemap.get("categories").valueStream().map(e -> e.get("path").asString()))
                .contains("/categories/" + hardware);
        assertThat(sitemap.get("products").get(0).get("lastModified").isNull()).isFalse();
    }
}
