package dev.atelier.e2e;

import static dev.atelier.e2e.Chromium.shot;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The storefront in a real browser (Debian's Chromium driven by Playwright) against the store {@code ./atelier up}
 * runs: a shopper searches with a typo, opens the Christmas mug, personalises it, puts it in the basket, checks
 * out as a guest, pays on the sandbox page and lands on the order page, which shows PAID and the personalisation.
 * Every step leaves a screenshot under {@code target/screenshots/}.
 */
class ShopperInTheBrowserTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @Test
    void aGuestPersonalisesAMugAndPaysForIt() {
        try (BrowserContext context = chromium.desktop()) {
            Page page = context.newPage();
            page.navigate(chromium.baseUrl() + "/");
            Locator banner = page.locator("[data-consent-banner]");
            banner.waitFor();
            shot(page, "01-home-with-the-consent-banner");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Necessary only")).click();
            assertThat(banner.isHidden()).isTrue();
            assertThat(context.cookies()).anySatisfy(cookie -> {
                assertThat(cookie.name).isEqualTo("consent");
                assertThat(cookie.value).isEqualTo("necessary");
            });
            page.reload();
            assertThat(page.locator("[data-consent-banner]").isHidden()).as("asked once").isTrue();
            shot(page, "01-home");

            page.getByLabel("Search the shop").fill("Chrismas mug");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Search")).click();
            page.waitForURL("**/search?q=*");
            shot(page, "02-search-with-a-typo");
            Locator mug = page.locator(".card a").filter(new Locator.FilterOptions().setHasText("Christmas")).first();
            assertThat(mug.count()).isPositive();
            mug.click();
            page.waitForURL("**/products/**");
            shot(page, "03-product");

            Locator name = page.locator("input[name='personalisation.name']");
            if (name.count() > 0) {
                name.fill("Sophie");
            }
            page.locator("form[data-personalisation-form] input[type=text][required]").all()
                    .forEach(input -> {
                        if (input.inputValue().isEmpty()) {
                            input.fill("Sophie");
                        }
                    });
            shot(page, "04-personalised");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Add to basket")).click();
            page.waitForURL("**/cart");
            assertThat(page.locator(".lines tbody tr").count()).isEqualTo(1);
            shot(page, "05-basket");

            page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("Checkout")).click();
            page.waitForURL("**/checkout");
            page.getByLabel("E-mail for your receipt").fill("browser.shopper@example.co.uk");
            page.getByLabel("Full name").fill("Sophie Hart");
            page.getByLabel("Address line 1").fill("1 High Street");
            page.getByLabel("Town or city").fill("Bath");
            page.getByLabel("Postcode").fill("BA1 1AA");
            shot(page, "06-checkout");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Place order and pay")).click();
            // the wait page follows the saga and opens the payment page by itself
            page.waitForURL("**/pay/sandbox/**", new Page.WaitForURLOptions().setTimeout(90_000));
            shot(page, "08-sandbox-payment-page");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Pay").setExact(true)).click();
            page.waitForURL("**/orders/**");
            Chromium.awaitOrderStatus(page, "PAID", java.time.Duration.ofSeconds(90));
            shot(page, "09-order-paid");
            assertThat(page.locator(".personalisation").first().innerText()).contains("Sophie");
        }
    }
}
