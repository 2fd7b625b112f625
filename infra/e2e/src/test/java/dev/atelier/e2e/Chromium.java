package dev.atelier.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's Chromium (apt, {@code /usr/bin/chromium}) driven by Playwright, headless, against the running store, for
 * one browser test class: registered as {@code @RegisterExtension static final Chromium chromium = new Chromium();},
 * it starts the JVM's store ({@link RunningStore#shared()}) and the browser before the class's {@code @BeforeAll}, and
 * closes the browser after its {@code @AfterAll}. Screenshots go to {@code target/screenshots/}.
 */
final class Chromium implements BeforeAllCallback, AfterAllCallback {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    // no sandbox (tests run as root), and nothing the browser would fetch for itself on the side
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync");

    private RunningStore store;
    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        store = RunningStore.shared();
        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
                .setHeadless(true).setArgs(ARGS));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** The store's address, as a shopper types it: the gateway. */
    String baseUrl() {
        return store.baseUrl();
    }

    /** A fresh browser profile with {@code options} (viewport, colour scheme, …). */
    BrowserContext newContext(Browser.NewContextOptions options) {
        return browser.newContext(options);
    }

    /** A fresh browser profile at a desktop size (1280 × 900). */
    BrowserContext desktop() {
        return newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    }

    /**
     * Waits until the order page says {@code status}. The page follows its order's stream and reloads itself when
     * the order changes; a reload of ours that meets one of its own is aborted ({@code net::ERR_ABORTED}), which is
     * why this waits for the page first and reloads only when nothing came for a while.
     */
    static void awaitOrderStatus(Page page, String status, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Locator shown = page.locator("[data-status='" + status + "']");
        while (true) {
            try {
                shown.waitFor(new Locator.WaitForOptions().setTimeout(5_000));
                return;
            } catch (TimeoutError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            try {
                page.reload();
            } catch (PlaywrightException navigating) {
                // the page reloaded itself meanwhile: the next wait reads the new one
            }
        }
    }

    /** The whole page as {@code target/screenshots/<name>.png}. */
    static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
