package dev.atelier.gateway.storefront;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.gateway.GatewayTest;
import dev.atelier.gateway.StandIns;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What search engines read: robots.txt, sitemap.xml, and the product page's canonical URL, cards and JSON-LD. */
class SearchEnginesTest extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LD = Pattern.compile(
            "<script type=\"application/ld\\+json\" nonce=\"[^\"]+\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void robotsOpensTheShopClosesTheShoppersPagesAndNamesTheSitemap() throws Exception {
        HttpResponse<String> robots = send(request("/robots.txt").GET());

        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(robots.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(robots.body()).contains("User-agent: *", "Disallow: /cart", "Disallow: /account", "Disallow: /api/",
                "Sitemap: http://localhost:8080/sitemap.xml");
    }

    @Test
    void listsEveryActivePageOfTheCatalogueInTheSitemap() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/sitemap")).willReturn(okJson("""
                {"products":[{"path":"/products/personalised-christmas-mug","lastModified":"2026-11-20T10:00:00Z"},
                             {"path":"/products/engraved-keyring","lastModified":"2026-11-21T09:30:00Z"}],
                 "categories":[{"path":"/categories/mugs","lastModified":"2026-11-21T09:30:00Z"}],
                 "occasions":[{"path":"/occasions/christmas","lastModified":"2026-11-19T08:00:00Z"}],
                 "posts":[]}
                """)));

        HttpResponse<String> sitemap = send(request("/sitemap.xml").GET());

        assertThat(sitemap.statusCode()).isEqualTo(200);
        assertThat(sitemap.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(sitemap.body()).startsWith("<?xml").contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
                .contains("<loc>http://localhost:8080/products/personalised-christmas-mug</loc><lastmod>2026-11-20T10:00:00Z</lastmod>")
                .contains("<loc>http://localhost:8080/products/engraved-keyring</loc>")
                .contains("<loc>http://localhost:8080/categories/mugs</loc>")
                .contains("<loc>http://localhost:8080/occasions/christmas</loc>");
    }

    @Test
    void saysSoWhenTheCatalogueCannotGiveTheSitemap() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/sitemap")).willReturn(serverError()));

        HttpResponse<String> sitemap = send(request("/sitemap.xml").GET());

        assertThat(sitemap.statusCode()).isEqualTo(503);
        assertThat(sitemap.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void describesTheProductToSearchEnginesAndSocialCards() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products/personalised-christmas-mug"))
                .willReturn(okJson(StorefrontPagesTest.MUG)));

        HttpResponse<String> page = send(request("/products/personalised-christmas-mug").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<link rel=\"canonical\" href=\"http://localhost:8080/products/personalised-christmas-mug\">")
                .contains("<meta property=\"og:type\" content=\"product\">")
                .contains("<meta property=\"og:image\" content=\"http://localhost:8080/api/catalog/media/m1?size=800\">")
                .contains("<meta name=\"twitter:card\" content=\"summary_large_image\">");
        List<JsonNode> blocks = new ArrayList<>();
        Matcher ld = LD.matcher(page.body());
        while (ld.find()) {
            blocks.add(JSON.readTree(ld.group(1)));
        }
        JsonNode product = blocks.stream().filter(b -> b.path("@type").asString().equals("Product")).findFirst()
                .orElseThrow(() -> new AssertionError("no Product JSON-LD in " + page.body()));
        assertThat(product.path("name").asString()).isEqualTo("Personalised Christmas Mug");
        assertThat(product.path("offers").get(0).path("price").asString()).isEqualTo("12.99");
        assertThat(product.path("offers").get(0).path("priceCurrency").asString()).isEqualTo("GBP");
        assertThat(product.path("offers").get(0).path("availability").asString()).isEqualTo("https://schema.org/InStock");
        assertThat(product.path("image").get(0).asString()).isEqualTo("http://localhost:8080/api/catalog/media/m1");
        JsonNode crumbs = blocks.stream().filter(b -> b.path("@type").asString().equals("BreadcrumbList")).findFirst()
                .orElseThrow();
        assertThat(crumbs.path("itemListElement").get(1).path("item").asString())
                .isEqualTo("http://localhost:8080/categories/mugs");
    }
}
