// The shop in German and Spanish, in a real browser against the production build: a German visitor is sent to
// /de and reads German (country names, euro prices, hreflang links), switches to Spanish on the same page, a
// Spanish visitor buys through the sandbox's Checkout and lands on a Spanish success page, and a signed-out
// German visitor asking for their account gets the German sign-in; the policies, the device notes and a search
// by a country's German or Spanish name stay in the page's language.
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

async function axeClean(page: Page) {
  // The title may stream in after the body (Next streams metadata): check the finished page.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, page.url()).toEqual([]);
}

// The prices in euros come from the rates job (pages prerendered by the build knew no rates).
test.beforeAll(async () => {
  const rates = await fetch(`${process.env.E2E_BASE_URL}/api/cron/exchange-rates`, {
    headers: { authorization: `Bearer ${process.env.E2E_CRON_SECRET}` },
  });
  expect(rates.status).toBe(200);
});

test.describe("a visitor whose browser speaks German", () => {
  test.use({ locale: "de-DE" });

  test("lands on /de, reads German with euro prices and hreflang links, and switches to Spanish", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/de$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Mobile Daten für deine Reise – bereit, bevor du landest",
    );
    await axeClean(page);

    await page.goto("/de/destinations/united-states");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("eSIM-Datentarife für Vereinigte Staaten");
    await expect(page.getByTestId("bundle-price").first()).toHaveText(/^\d+,\d\d\s€$/);
    const alternates = await page
      .locator('head link[rel="alternate"][hreflang]')
      .evaluateAll((links) =>
        links.map((l) => `${l.getAttribute("hreflang")} ${new URL(l.getAttribute("href")!).pathname}`),
      );
    expect(alternates.sort()).toEqual([
      "de /de/destinations/united-states",
      "en /destinations/united-states",
      "es /es/destinations/united-states",
      "x-default /destinations/united-states",
    ]);
    const canonical = await page.locator('head link[rel="canonical"]').getAttribute("href");
    expect(new URL(canonical!).pathname).toBe("/de/destinations/united-states");
    await axeClean(page);

    const languages = page.getByRole("navigation", { name: "Sprache" });
    await expect(languages.getByRole("link", { name: "Deutsch" })).toHaveAttribute("aria-current", "true");
    await languages.getByRole("link", { name: "Español" }).click();
    await expect(page).toHaveURL(/\/es\/destinations\/united-states$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planes de datos eSIM para Estados Unidos");
    await axeClean(page);

    // English, picked explicitly, sticks although the browser still asks for German.
    await page.getByRole("navigation", { name: "Idioma" }).getByRole("link", { name: "English" }).click();
    await expect(page).toHaveURL(/\/destinations\/united-states$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/regions");
    await expect(page).toHaveURL(/\/regions$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Regional and global plans");
  });

  test("signed out, /de/account goes to the German sign-in", async ({ page }) => {
    await page.goto("/de/account");
    await expect(page).toHaveURL(/\/de\/sign-in\?next=%2Fde%2Faccount$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
  });
});

test.describe("the rest of the store in German and Spanish", () => {
  test("the device check answers in German as you type, and a Spanish search lands on the Spanish page", async ({
    page,
  }) => {
    await page.goto("/de/devices");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    const box = page.getByRole("searchbox", { name: /Suche dein Handy/ });
    await box.fill("pixel 8");
    await expect(page.getByTestId("device-count")).toContainText(/Gerät(e)? passt|passen/);
    await axeClean(page);
    await box.fill("iPhone 15 Pro China");
    await expect(page.getByTestId("device-verdict")).toContainText("In Festlandchina gekauft");

    await page.goto("/de/help/install");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("So installierst du deine eSIM");
    await axeClean(page);

    await page.goto("/es/search?q=japan");
    await expect(page).toHaveURL(/\/es\/destinations\/japan$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planes de datos eSIM para Japón");
    // A country typed in the visitor's own language is found too.
    await page.goto("/es/search?q=Alemania");
    await expect(page).toHaveURL(/\/es\/destinations\/germany$/);
    await page.goto("/de/search?q=Spanien");
    await expect(page).toHaveURL(/\/de\/destinations\/spain$/);
  });

  test("the policies and the FAQ read in the page's language, with the shop's identity", async ({ page }) => {
    await page.goto("/de/terms");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Allgemeine Geschäftsbedingungen");
    const terms = page.getByRole("article");
    await expect(terms).toContainText("Diese Bedingungen gelten, wenn Sie bei Tern kaufen, einem Angebot von");
    await expect(terms.getByRole("link", { name: "Erstattungsrichtlinie" }).first()).toHaveAttribute(
      "href",
      "/de/refund-policy",
    );
    await axeClean(page);

    await page.goto("/es/faq");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Preguntas frecuentes");
    await expect(page.getByRole("heading", { name: "¿Cuándo recibo mi eSIM?" })).toBeVisible();
    await axeClean(page);
  });
});

test.describe("a visitor whose browser speaks Spanish", () => {
  test.use({ locale: "es-ES" });

  test("buys a plan through Checkout and reads the success page in Spanish", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/destinations/japan");
    await expect(page).toHaveURL(/\/es\/destinations\/japan$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planes de datos eSIM para Japón");
    const card = page.getByTestId("bundle-card").first();
    const bundle = (await card.getAttribute("data-bundle"))!;
    await page.goto(`/es/bundles/${bundle}`);
    await axeClean(page);
    const shown = (await page.getByTestId("bundle-price").textContent())!;
    expect(shown).toMatch(/^\d+,\d\d\s€$/);
    await page.getByRole("button", { name: `Comprar ahora por ${shown}` }).click();
    await page.waitForURL(/\/checkout\/pay\/cs_test_/);
    // Stripe's page speaks the session's language.
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await page.getByLabel("Número de tarjeta").fill("4242424242424242");
    await page.getByLabel("Caducidad (MM / AA)").fill("12 / 34");
    await page.getByLabel("CVC").fill("123");
    await page.getByLabel("Nombre del titular").fill("Lucía Ejemplo");
    await page.getByLabel("Correo electrónico", { exact: true }).fill(`es-${Date.now()}@example.com`);
    await page.getByLabel(/Acepto las Condiciones del servicio/).check();
    await page.getByRole("button", { name: /^Pagar / }).click();
    await page.waitForURL(/\/es\/checkout\/success/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/pedido|eSIM/i);
    await expect(page.getByText("Your eSIM")).toHaveCount(0);
    await axeClean(page);
  });
});
