package dev.atelier.gateway.storefront;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.gateway.GatewayTest;
import dev.atelier.gateway.StandIns;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Listings with facets: catalog's facet counts become a GET form (radios and checkboxes that work without
 * JavaScript), the chosen filters stay in the URL, go to catalog in its own parameters, are listed each with a link
 * that removes it, and survive paging; no match is an empty state that offers the way back.
 */
class ListingFacetsTest extends GatewayTest {

    static final String FACETS = """
            {"total":2,
             "categories":[{"value":"gifts","label":"Gifts","count":2},{"value":"mugs","label":"Mugs","count":2},
                           {"value":"travel-mugs","label":"Travel mugs","count":1}],
             "occasions":[{"value":"birthday","label":"Birthday","count":1},
                          {"value":"christmas","label":"Christmas","count":2}],
             "brands":[],
             "priceBands":[{"min":0,"max":1000,"count":1},{"min":1000,"max":2500,"count":1},
                           {"min":25000,"max":null,"count":0}],
             "conditions":[],"search":null}""";

    @Test
    void showsCatalogsFacetsAsAFormAndSendsTheChosenFiltersToCatalog() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products"))
                .willReturn(okJson(StorefrontPagesTest.CARDS.replace("\"nextCursor\":null", "\"nextCursor\":\"c2\""))));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/facets")).willReturn(okJson(FACETS)));

        HttpResponse<String> page = send(request("/search?q=mug&category=mugs&price=1000-2500&inStock=true"
                + "&sort=price_asc").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        // the form: a GET to the same page, the words kept, each facet's options with catalog's counts
        assertThat(html).contains("<form method=\"get\" action=\"/search\"", "name=\"q\" value=\"mug\"",
                "<legend>Category</legend>", "<legend>Occasion</legend>", "<legend>Price</legend>",
                "name=\"category\" value=\"mugs\" checked=\"checked\"", "name=\"category\" value=\"travel-mugs\">",
                "<span>Travel mugs</span>", "(1)", "name=\"occasion\" value=\"christmas\">", "<span>Christmas</span>",
                "name=\"price\" value=\"1000-2500\" checked=\"checked\"", "<span>£10 to £25</span>",
                "<span>Under £10</span>", "<span>£250 and over</span>",
                "name=\"inStock\" value=\"true\" checked=\"checked\"",
                "name=\"personalisable\" value=\"true\">", "value=\"price_asc\" selected=\"selected\"", "2 products");
        // the chosen filters, each removable, and all at once (the order stays)
        assertThat(html).contains("aria-label=\"Remove filter: Mugs\"",
                "href=\"/search?q=mug&amp;price=1000-2500&amp;inStock=true&amp;sort=price_asc\"",
                "aria-label=\"Remove filter: £10 to £25\"",
                "href=\"/search?q=mug&amp;category=mugs&amp;inStock=true&amp;sort=price_asc\"",
                "aria-label=\"Remove filter: In stock\"",
                "href=\"/search?q=mug&amp;category=mugs&amp;price=1000-2500&amp;sort=price_asc\"",
                "href=\"/search?q=mug&amp;sort=price_asc\" class=\"clear\"");
        // the next page keeps the filters
        assertThat(html).contains("href=\"/search?q=mug&amp;category=mugs&amp;price=1000-2500&amp;inStock=true"
                + "&amp;sort=price_asc&amp;cursor=c2\" rel=\"next\"");
        // catalog is asked in its own terms: the band's top is exclusive, catalog's maxPrice inclusive
        for (String path : new String[] {"/api/catalog/products", "/api/catalog/facets"}) {
            StandIns.CATALOG.verify(getRequestedFor(urlPathEqualTo(path)).withQueryParam("q", equalTo("mug"))
                    .withQueryParam("category", equalTo("mugs")).withQueryParam("minPrice", equalTo("1000"))
                    .withQueryParam("maxPrice", equalTo("2499")).withQueryParam("inStock", equalTo("true")));
        }
        StandIns.CATALOG.verify(getRequestedFor(urlPathEqualTo("/api/catalog/products"))
                .withQueryParam("sort", equalTo("price_asc")));
    }

    @Test
    void brandsAndConditionsFilterByCatalogsOwnWords() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson(StorefrontPagesTest.CARDS)));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/facets")).willReturn(okJson(FACETS.replace(
                "\"brands\":[],", "\"brands\":[{\"value\":\"Cisco\",\"label\":\"Cisco\",\"count\":1}],").replace(
                "\"conditions\":[]", "\"conditions\":[{\"value\":\"Refurbished - Grade A\","
                        + "\"label\":\"Refurbished - Grade A\",\"count\":1}]"))));

        String html = send(request("/categories/hardware?condition=Refurbished+-+Grade+A").GET()).body();

        assertThat(html).contains("<legend>Brand</legend>", "name=\"brand\" value=\"Cisco\">",
                "<legend>Condition</legend>", "name=\"condition\" value=\"Refurbished - Grade A\" checked=\"checked\"",
                "aria-label=\"Remove filter: Refurbished - Grade A\"");
        StandIns.CATALOG.verify(getRequestedFor(urlPathEqualTo("/api/catalog/products"))
                .withQueryParam("category", equalTo("hardware"))
                .withQueryParam("condition", equalTo("Refurbished - Grade A")));
    }

    @Test
    void aCategoryPageNarrowsToItsSubCategoriesByLinksThatKeepTheFilters() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson(StorefrontPagesTest.CARDS)));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/facets")).willReturn(okJson(FACETS)));

        HttpResponse<String> page = send(request("/categories/mugs?occasion=christmas").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("<h1>Mugs</h1>", "<form method=\"get\" action=\"/categories/mugs\"",
                "<link rel=\"canonical\" href=\"http://localhost:8080/categories/mugs\">",
                "Narrow down", "href=\"/categories/travel-mugs?occasion=christmas\"",
                "name=\"occasion\" value=\"christmas\" checked=\"checked\"",
                "aria-label=\"Remove filter: Christmas\"", "href=\"/categories/mugs\" class=\"clear\"");
        // the page's own category is not a filter: no radio for it, no link up to its parent
        assertThat(html).doesNotContain("name=\"category\"", "href=\"/categories/gifts?",
                "Remove filter: Mugs");
        StandIns.CATALOG.verify(getRequestedFor(urlPathEqualTo("/api/catalog/facets"))
                .withQueryParam("category", equalTo("mugs")).withQueryParam("occasion", equalTo("christmas")));
    }

    @Test
    void anOccasionPageHasNoOccasionFacet() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson(StorefrontPagesTest.CARDS)));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/facets")).willReturn(okJson(FACETS)));

        String html = send(request("/occasions/christmas").GET()).body();

        assertThat(html).contains("<h1>Christmas</h1>", "<legend>Category</legend>", "name=\"category\" value=\"gifts\"");
        assertThat(html).doesNotContain("<legend>Occasion</legend>", "class=\"active-filters\"");
    }

    @Test
    void filtersThatMatchNothingShowAnEmptyStateWithTheWayBack() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson("""
                {"items":[],"nextCursor":null,"search":null,"message":"No products on sale match \\"mug\\", in stock."}""")));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/facets")).willReturn(okJson("""
                {"total":0,"categories":[],"occasions":[],"brands":[],"priceBands":[],"conditions":[],"search":null}""")));

        HttpResponse<String> page = send(request("/search?q=mug&category=mugs&personalisable=true").GET());

        assertThat(page.statusCode()).isEqualTo(200);
        // a chosen category with no products left is still shown, chosen, so it can be unchosen
        assertThat(page.body()).contains("No products match these filters.", "href=\"/search?q=mug\">see everything",
                "name=\"category\" value=\"mugs\" checked=\"checked\"", "Remove filter: Personalisable")
                .doesNotContain("products</p>");
    }

    @Test
    void anUntidyAddressIsRedirectedToTheListingsOneAddress() throws Exception {
        // the form's "Any" sends empty values; a price that is no band and a second value are dropped
        HttpResponse<String> page = send(request("/search?q=mug&category=&occasion=christmas&occasion=birthday"
                + "&price=cheap&inStock=false&sort=").GET());

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/search?q=mug&occasion=christmas");
    }
}
