// The storefront in a real browser against the production build and the sandbox's catalogue: find a
// destination with the type-ahead and without JavaScript, filter and sort its plans, open a plan, see the
// regional plans of a country, get real 404s, and pass an accessibility scan on the key pages.
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

interface CardData {
  name: string;
  scope: string;
  priceMinor: number;
  dataMb: number | null;
  unlimited: boolean;
  durationDays: number;
}

/**
 * The plan cards on the page, read the way a visitor reads them: the label says where, the link says how
 * much data for how long, and the price is the price (USD in the sandbox catalogue).
 */
async function cards(page: Page): Promise<CardData[]> {
  const raw = await page.getByTestId("bundle-card").evaluateAll((els) =>
    els.map((el) => ({
      name: (el as HTMLElement).dataset.bundle ?? "",
      label: el.firstElementChild?.textContent ?? "",
      what: el.querySelector("a")?.textContent ?? "",
      price: el.querySelector('[data-testid="bundle-price"]')?.textContent ?? "",
    })),
  );
  return raw.map(({ name, label, what, price }) => {
    const data = /^([\d.]+) (GB|MB) · /.exec(what);
    const days = /· (\d+) days?$/.exec(what);
    if ((!data && !what.startsWith("Unlimited · ")) || !days)
      throw new Error(`unexpected plan text "${what}" (${name})`);
    if (!/^\$\d+\.\d\d$/.test(price)) throw new Error(`unexpected price "${price}" (${name})`);
    return {
      name,
      scope: label.startsWith("Regional:") ? "regional" : label.startsWith("Global") ? "global" : "country",
      priceMinor: Math.round(Number(price.slice(1)) * 100),
      dataMb: data ? Math.round(Number(data[1]) * (data[2] === "GB" ? 1000 : 1)) : null,
      unlimited: !data,
      durationDays: Number(days[1]),
    };
  });
}

/** A Europe plan covering more than a dozen countries (its page gets the country search). */
async function bigRegionalBundle(page: Page): Promise<string> {
  await page.goto("/regions/europe");
  const names = await page
    .getByTestId("bundle-card")
    .evaluateAll((els) =>
      els
        .filter((el) => Number(/Covers (?:all )?(\d+)/.exec(el.textContent ?? "")?.[1] ?? 0) > 12)
        .map((el) => (el as HTMLElement).dataset.bundle ?? ""),
    );
  expect(names.length).toBeGreaterThan(0);
  return names[0]!;
}

const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);

/** Collects uncaught exceptions and console errors; call before navigating. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // A 404 page logs its own document's status; that is the point of the page, not a script error.
    if (m.type() === "error" && !/status of 404/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

test.describe("with JavaScript", () => {
  test("home search: type-ahead picks Japan with the keyboard", async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("sandbox-banner")).toContainText("Sandbox — no real money moves");

    const box = page.getByRole("combobox", { name: "Where are you going?" });
    await box.click();
    await box.pressSequentially("jap");
    const japan = page.getByRole("option", { name: /^Japan/ });
    await expect(japan).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "true");

    // Walk the list with the arrow keys until Japan is the active option, then choose it with Enter.
    for (let i = 0; i < 8 && (await japan.getAttribute("aria-selected")) !== "true"; i++) await box.press("ArrowDown");
    await expect(japan).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute("aria-activedescendant", (await japan.getAttribute("id"))!);
    await box.press("Enter");

    await page.waitForURL("**/destinations/japan");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Japan eSIM data plans");
    expect(errors).toEqual([]);
  });

  test("the type-ahead closes on Escape and Enter without a choice runs a normal search", async ({ page }) => {
    await page.goto("/");
    const box = page.getByRole("combobox", { name: "Where are you going?" });
    await box.click();
    await box.pressSequentially("fra");
    await expect(page.getByRole("option", { name: /^France/ })).toBeVisible();
    await box.press("Escape");
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("listbox")).toBeHidden();

    await box.fill("France");
    await box.press("Enter");
    // Exact name: /search answers with a redirect to the destination.
    await page.waitForURL("**/destinations/france");
  });

  test("filter and sort a destination's plans through the URL", async ({ page }) => {
    await page.goto("/destinations/japan");
    const all = await cards(page);
    expect(all.length).toBeGreaterThan(5);
    await expect(page.getByTestId("result-count")).toHaveText(`${all.length} plans`);
    // The plain list is cheapest first.
    expect(ascending(all.map((c) => c.priceMinor))).toBe(true);

    // Up to 3 GB, at most $10, cheapest first.
    await page.getByLabel("Data", { exact: true }).selectOption("1-3");
    await page.getByLabel(/Max price/).fill("10");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/\/destinations\/japan\/plans\?/);
    let url = new URL(page.url());
    // Defaults and blanks are dropped from the query: one canonical URL per result list.
    expect(Object.fromEntries(url.searchParams)).toEqual({ data: "1-3", maxPrice: "10" });
    let shown = await cards(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(all.length);
    for (const c of shown) {
      expect(c.priceMinor, c.name).toBeLessThanOrEqual(1000);
      expect(c.unlimited, c.name).toBe(false);
      expect(c.dataMb, c.name).not.toBeNull();
      expect(c.dataMb!, c.name).toBeLessThanOrEqual(3000);
    }
    expect(ascending(shown.map((c) => c.priceMinor))).toBe(true);
    await expect(page.getByTestId("result-count")).toHaveText(`${shown.length} of ${all.length} plans match`);
    // The form shows the choices it was submitted with.
    await expect(page.getByLabel("Data", { exact: true })).toHaveValue("1-3");

    // Change duration and sort by price per GB.
    await page.getByLabel("Data", { exact: true }).selectOption("any");
    await page.getByLabel(/Max price/).fill("");
    await page.getByLabel("Duration").selectOption("8-15");
    await page.getByLabel("Sort by").selectOption("price-per-gb");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/sort=price-per-gb/);
    url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ duration: "8-15", sort: "price-per-gb" });
    shown = await cards(page);
    expect(shown.length).toBeGreaterThan(0);
    for (const c of shown) {
      expect(c.durationDays, c.name).toBeGreaterThanOrEqual(8);
      expect(c.durationDays, c.name).toBeLessThanOrEqual(15);
    }
    // Fixed-data plans by price per GB, unlimited ones (no price per GB) after them.
    const fixed = shown.filter((c) => !c.unlimited);
    expect(ascending(fixed.map((c) => c.priceMinor / c.dataMb!))).toBe(true);
    expect(shown.slice(0, fixed.length).every((c) => !c.unlimited)).toBe(true);

    // Nothing under $0.50: the empty state offers a way back.
    await page.goto("/destinations/japan/plans?maxPrice=0.5");
    await expect(page.getByTestId("empty-state")).toContainText("No plans match these filters");
    await page.getByTestId("empty-state").getByRole("link", { name: "Clear filters" }).click();
    await page.waitForURL(/\/destinations\/japan$/);
    expect(await cards(page)).toHaveLength(all.length);
  });

  test("a country page lists regional and global plans, labelled as such", async ({ page }) => {
    await page.goto("/destinations/france");
    const list = await cards(page);
    expect(list.some((c) => c.scope === "country")).toBe(true);
    expect(list.some((c) => c.scope === "regional")).toBe(true);
    const europe = page.getByTestId("bundle-card").filter({ hasText: /Regional: Europe · \d+ countries/ });
    await expect(europe.first()).toBeVisible();

    // The ISO code works too, with the slug as the canonical URL.
    await page.goto("/destinations/fr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("France eSIM data plans");
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/destinations\/france$/);
  });

  test("a plan page shows what you get, the price and a Buy form", async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto("/destinations/japan");
    const card = page.getByTestId("bundle-card").first();
    const name = (await card.getAttribute("data-bundle"))!;
    const price = (await card.getByTestId("bundle-price").textContent())!;
    await card.getByRole("link").click();
    await page.waitForURL(`**/bundles/${name}`);

    await expect(page.getByRole("heading", { level: 1 })).toContainText("Japan");
    await expect(page.getByTestId("buy-box").getByTestId("bundle-price")).toHaveText(price);
    await expect(page.getByTestId("bundle-data")).toHaveText(/\d+(\.\d+)? (GB|MB)|Unlimited/);
    await expect(page.getByTestId("bundle-validity")).toHaveText(/\d+ days?/);
    await expect(
      page.getByText("The validity period starts when the eSIM first connects to a network in a covered country"),
    ).toBeVisible();

    const buy = page.getByRole("button", { name: `Buy now — ${price}` });
    await expect(buy).toBeVisible();
    const form = page.locator("form", { has: buy });
    await expect(form).toHaveAttribute("method", "post");
    await expect(form).toHaveAttribute("action", "/api/checkout");
    await expect(form.locator('input[type="hidden"][name="bundle"]')).toHaveValue(name);
    await expect(page.getByLabel("Email for your eSIM (optional — you can enter it at checkout)")).toHaveAttribute(
      "type",
      "email",
    );
    await expect(page.getByRole("link", { name: /install guide/i })).toHaveAttribute("href", "/help/install");

    // Structured data for search engines: a Product with an Offer in decimal currency units.
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!) as {
      "@type": string;
      offers: { price: string; priceCurrency: string; availability: string; url: string };
    };
    expect(ld["@type"]).toBe("Product");
    expect(ld.offers.price).toBe(price.replace(/[^0-9.]/g, ""));
    expect(ld.offers.priceCurrency).toBe("USD");
    expect(ld.offers.availability).toBe("https://schema.org/InStock");
    expect(ld.offers.url).toMatch(new RegExp(`/bundles/${name}$`));
    expect(errors).toEqual([]);
  });

  test("a checkout that comes back with an error says why on the plan page", async ({ page }) => {
    await page.goto("/destinations/japan");
    const bundle = (await page.getByTestId("bundle-card").first().getAttribute("data-bundle"))!;
    await page.goto(`/bundles/${bundle}?error=price_changed`);
    await expect(page.getByTestId("buy-box").getByRole("alert")).toHaveText(/price has just changed/);
    // A code the shop does not know shows nothing rather than an empty alert.
    await page.goto(`/bundles/${bundle}?error=<script>`);
    await expect(page.getByTestId("buy-box").getByRole("alert")).toHaveCount(0);
  });

  test("a regional plan lists its countries and filters them", async ({ page }) => {
    await page.goto(`/bundles/${await bigRegionalBundle(page)}`);
    await page.getByText(/Show all \d+ countries/).click();
    const list = page.getByTestId("covered-countries");
    const total = await list.getByRole("listitem").count();
    expect(total).toBeGreaterThan(12);
    await page.getByLabel("Find a country").fill("fra");
    // Each item is a (decorative) flag and the name.
    await expect(list.getByRole("listitem")).toHaveText([/France$/]);
    await page.getByLabel("Find a country").fill("");
    await expect(list.getByRole("listitem")).toHaveCount(total);
  });

  test("unknown countries, plans and regions are real 404s", async ({ page }) => {
    for (const path of [
      "/destinations/narnia",
      "/destinations/narnia/plans?data=1-3",
      "/bundles/esim_NOPE_0D_XX_V0",
      "/regions/atlantis",
      "/no-such-page",
    ]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 }), path).toHaveText("We couldn't find that page");
      await expect(page.getByRole("link", { name: "Browse all destinations" }), path).toHaveAttribute(
        "href",
        "/destinations",
      );
    }
  });

  test("on a phone the menu opens, navigates and closes again", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/help/install");
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByText("Menu").click();
    await nav.getByRole("link", { name: "Regions" }).click();
    await page.waitForURL("**/regions");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Regional and global plans");
    await expect(nav.locator("details")).not.toHaveAttribute("open");
  });

  test("robots.txt and sitemap.xml describe the public shop", async ({ request, baseURL }) => {
    const robots = await (await request.get("/robots.txt")).text();
    for (const path of ["/api/", "/account", "/admin", "/checkout"]) expect(robots).toContain(`Disallow: ${path}`);
    expect(robots).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
    const sitemap = await (await request.get("/sitemap.xml")).text();
    expect(sitemap).toContain(`<loc>${baseURL}/destinations/japan</loc>`);
    expect(sitemap).toContain(`<loc>${baseURL}/regions/europe</loc>`);
    expect(sitemap).toMatch(new RegExp(`<loc>${baseURL}/bundles/esim_[^<]+</loc>`));
  });

  test("key pages have no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/destinations/japan");
    const bundle = (await page.getByTestId("bundle-card").first().getAttribute("data-bundle"))!;
    for (const path of ["/", "/destinations/japan", `/bundles/${bundle}`, "/help/install", "/destinations/narnia"]) {
      const errors = watchErrors(page);
      await page.goto(path);
      // The title may stream in after the body (Next streams metadata): check the finished page.
      await expect(page).toHaveTitle(/\S/);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      expect(serious, path).toEqual([]);
      expect(errors, path).toEqual([]);
      page.removeAllListeners("pageerror");
      page.removeAllListeners("console");
    }
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the home search form finds Japan", async ({ page }) => {
    await page.goto("/");
    const box = page.getByLabel("Where are you going?");
    await box.fill("jap");
    await box.press("Enter");
    // A single match: /search sends the browser straight there.
    await page.waitForURL("**/destinations/japan");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Japan eSIM data plans");
  });

  test("search lists several matches, or says there are none", async ({ page }) => {
    await page.goto("/search?q=ja");
    const results = page.getByTestId("search-results").getByRole("link");
    expect(await results.count()).toBeGreaterThan(1);
    await results.filter({ hasText: "Japan" }).first().click();
    await page.waitForURL("**/destinations/japan");

    await page.goto("/search?q=zzqx");
    await expect(page.getByTestId("no-results")).toContainText("No destinations match");
  });

  test("filters work as a plain form", async ({ page }) => {
    await page.goto("/destinations/japan");
    await page.getByLabel("Unlimited data").selectOption("only");
    await page.getByLabel("Sort by").selectOption("duration");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/\/destinations\/japan\/plans\?/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ unlimited: "only", sort: "duration" });
    const shown = await cards(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((c) => c.unlimited)).toBe(true);
    expect(ascending(shown.map((c) => c.durationDays))).toBe(true);
  });

  test("a plan page shows every covered country", async ({ page }) => {
    await page.goto(`/bundles/${await bigRegionalBundle(page)}`);
    // The search box needs JavaScript, so it is not offered; the full list is.
    await expect(page.getByLabel("Find a country")).toHaveCount(0);
    await page.getByText(/Show all \d+ countries/).click();
    expect(await page.getByTestId("covered-countries").getByRole("listitem").count()).toBeGreaterThan(12);
  });
});
