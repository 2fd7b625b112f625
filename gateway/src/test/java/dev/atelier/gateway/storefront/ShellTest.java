package dev.atelier.gateway.storefront;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.gateway.GatewayTest;
import dev.atelier.gateway.StandIns;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop as an installable app and its consent: the manifest and its icons, the service worker and the offline
 * page it falls back to, the consent banner on every page, and no third party (live chat) unless configured.
 */
class ShellTest extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void servesAnInstallableManifestWithItsIcons() throws Exception {
        HttpResponse<String> manifest = send(request("/manifest.webmanifest").GET());

        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/manifest+json");
        JsonNode app = JSON.readTree(manifest.body());
        assertThat(app.path("display").asString()).isEqualTo("standalone");
        assertThat(app.path("start_url").asString()).startsWith("/");
        for (JsonNode icon : app.path("icons")) {
            HttpResponse<String> image = send(request(icon.path("src").asString()).GET());
            assertThat(image.statusCode()).as(icon.toString()).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
        }
        assertThat(app.path("icons").size()).isEqualTo(2);
    }

    @Test
    void servesTheServiceWorkerAndTheOfflinePageItFallsBackTo() throws Exception {
        HttpResponse<String> worker = send(request("/sw.js").GET());
        HttpResponse<String> offline = send(request("/offline.html").GET());

        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
        assertThat(worker.body()).contains("'/offline.html'", "caches.open");
        assertThat(offline.statusCode()).isEqualTo(200);
        assertThat(offline.body()).contains("You are offline");
    }

    @Test
    void everyPageLinksTheManifestAndCarriesTheConsentBannerButNoChatUnlessConfigured() throws Exception {
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson("{\"items\":[]}")));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/categories")).willReturn(okJson("[]")));
        StandIns.CATALOG.stubFor(get(urlPathEqualTo("/api/catalog/occasions")).willReturn(okJson("[]")));

        HttpResponse<String> home = send(request("/").GET());

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">",
                "data-consent-banner", "Necessary only", "Accept all").doesNotContain("data-chat", "tawk.to");
        assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("manifest-src 'self'", "worker-src 'self'").doesNotContain("tawk.to");
    }
}
