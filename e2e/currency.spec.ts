// Currencies in a real browser, on a stack started with SHOP_CURRENCIES=USD,EUR,GBP,JPY: a visitor whose
// browser speaks Japanese sees yen, buys in yen and pays exactly the yen the page showed; the footer's picker
// switches every price to pounds and keeps it across pages.
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signInByEmail } from "./support/sign-in";

const SANDBOX_URL = process.env.SANDBOX_URL!;

async function axeClean(page: Page) {
  // The title may stream in after the body (Next streams metadata): check the finished page.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

// Pages prerendered by the build knew no rates. The rates job, run through its cron route as a serverless host
// would, fetches them, reprices and revalidates the catalogue pages.
test.beforeAll(async () => {
  const rates = await fetch(`${process.env.E2E_BASE_URL}/api/cron/exchange-rates`, {
    headers: { authorization: `Bearer ${process.env.E2E_CRON_SECRET}` },
  });
  expect(rates.status).toBe(200);
});

test.beforeEach(async ({ page }) => {
  await page.goto("/destinations/japan");
});

test.describe("a visitor from Japan", () => {
  test.use({ locale: "ja-JP" });

  test("sees yen everywhere and is charged the yen the page showed", async ({ page }) => {
    test.setTimeout(120_000);
    const card = page.getByTestId("bundle-card").first();
    await expect(card.getByTestId("bundle-price")).toHaveText(/^¥[\d,]+$/);
    await expect(page.getByTestId("currency-picker").getByRole("combobox")).toHaveValue("JPY");
    const bundle = (await card.getAttribute("data-bundle"))!;
    await page.goto(`/bundles/${bundle}`);
    // The page is cached for every visitor; the browser shows the visitor's currency once it has read their pick.
    await expect(page.getByTestId("bundle-price")).toHaveText(/^¥[\d,]+$/);
    const shown = (await page.getByTestId("bundle-price").textContent())!;
    const yen = Number(shown.replace(/[^\d]/g, ""));
    await axeClean(page);

    await page.getByRole("button", { name: `Buy now — ${shown}` }).click();
    await page.waitForURL(/\/checkout\/pay\/cs_test_/);
    const sessionId = /cs_test_[A-Za-z0-9]+/.exec(page.url())![0];
    const session = (await (
      await fetch(`${SANDBOX_URL}/v1/checkout/sessions/${sessionId}`, {
        headers: { authorization: "Bearer sk_test_tern_sandbox" },
      })
    ).json()) as { amount_total: number; currency: string };
    // Zero-decimal: the session's 780 is ¥780.
    expect(session).toMatchObject({ amount_total: yen, currency: "jpy" });
    await expect(page.locator("#summary-heading")).toContainText(shown.replace("¥", ""));
    await page.getByLabel("Card number").fill("4242424242424242");
    await page.getByLabel("Expiration (MM / YY)").fill("12 / 34");
    await page.getByLabel("CVC").fill("123");
    await page.getByLabel("Name on card").fill("Kenji Example");
    await page.getByLabel("Email", { exact: true }).fill(`yen-${Date.now()}@example.com`);
    await page.getByLabel(/I agree to the Terms of service/).check();
    await page.getByRole("button", { name: /^Pay / }).click();
    await page.waitForURL(/\/checkout\/success/);
    await expect(page.getByText(shown).first()).toBeVisible();
  });
});

test("the footer's picker shows every price in the picked currency, and keeps it", async ({ page }) => {
  await page.getByTestId("currency-picker").getByRole("combobox").selectOption("GBP");
  await expect(page.getByTestId("bundle-price").first()).toHaveText(/^£\d+\.\d\d$/);
  await page.goto("/");
  await expect(page.getByTestId("currency-picker").getByRole("combobox")).toHaveValue("GBP");
  await expect(page.getByText(/from £\d+\.\d\d/).first()).toBeVisible();
  await axeClean(page);
});

test("an admin pins a rate: the table says what it means in money, and the plan pages charge the new price", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInByEmail(page, SANDBOX_URL, "admin@tern.test", "/admin/catalogue#currencies");
  const row = page.getByTestId("currency-JPY");
  await expect(row).toContainText("150.414747");
  await expect(row).toContainText(/\$4\.99 → ¥\d+/);
  await row.getByLabel("JPY per 1 USD (empty: follow the source)").fill("200");
  await row.getByRole("button", { name: "Pin rate" }).click();
  await expect(row.getByRole("status")).toContainText("JPY pinned at 200 per 1 USD; prices recomputed.");
  await page.reload();
  await expect(page.getByTestId("currency-JPY")).toContainText("pinned by admin@tern.test");
  // $4.99 × 200 = ¥998 → +2 % ¥1,018 → ¥1,080.
  await expect(page.getByTestId("currency-JPY")).toContainText("$4.99 → ¥1,080");
  await axeClean(page);

  const visitor = await browser.newContext({ locale: "ja-JP" });
  const shopper = await visitor.newPage();
  await shopper.goto("/destinations/japan");
  const bundle = (await shopper.getByTestId("bundle-card").first().getAttribute("data-bundle"))!;
  await shopper.goto(`/bundles/${bundle}`);
  // As above: the cached page shows the base price until the browser has read the visitor's currency.
  await expect(shopper.getByTestId("bundle-price")).toHaveText(/^¥[\d,]+$/);
  const shown = (await shopper.getByTestId("bundle-price").textContent())!;
  await shopper.getByRole("button", { name: `Buy now — ${shown}` }).click();
  await shopper.waitForURL(/\/checkout\/pay\/cs_test_/);
  const sessionId = /cs_test_[A-Za-z0-9]+/.exec(shopper.url())![0];
  const session = (await (
    await fetch(`${SANDBOX_URL}/v1/checkout/sessions/${sessionId}`, {
      headers: { authorization: "Bearer sk_test_tern_sandbox" },
    })
  ).json()) as { amount_total: number; currency: string };
  expect(session).toMatchObject({ amount_total: Number(shown.replace(/[^\d]/g, "")), currency: "jpy" });
  await visitor.close();

  // Unpinned again: the source's rate applies (other specs expect it).
  await page.getByTestId("currency-JPY").getByLabel("JPY per 1 USD (empty: follow the source)").fill("");
  await page.getByTestId("currency-JPY").getByRole("button", { name: "Pin rate" }).click();
  await expect(page.getByTestId("currency-JPY").getByRole("status")).toContainText("JPY follows the source again.");
});
