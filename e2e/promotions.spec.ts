// Promotion codes in a real browser: an admin creates a code in /admin/promotions; a buyer applies it on a
// plan page, sees the final price on the review step, pays exactly that on Stripe's page (which shows the
// discount) and lands on the success page. A code that cannot be used says why, with JavaScript or without.
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signInByEmail } from "./support/sign-in";

const SANDBOX_URL = process.env.SANDBOX_URL!;
// An admin of its own (scripts/e2e.ts): sign-in links are limited per address.
const ADMIN = "promotions-admin@tern.test";

async function axeClean(page: Page) {
  // The title may stream in after the body (Next streams metadata): check the finished page.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function japanBundle(page: Page): Promise<{ bundle: string; priceMinor: number }> {
  await page.goto("/destinations/japan");
  const card = page.getByTestId("bundle-card").first();
  const bundle = (await card.getAttribute("data-bundle"))!;
  const price = (await card.getByTestId("bundle-price").textContent())!;
  return { bundle, priceMinor: Math.round(Number(price.replace(/[^0-9.]/g, "")) * 100) };
}

const money = (minor: number) => `$${(minor / 100).toFixed(2)}`;

test("an admin's 20 % code: applied on the plan page, shown on review, charged on Stripe", async ({
  page,
  browser,
}) => {
  // Two browsers, a sign-in and a payment: longer than one page's worth of the default.
  test.setTimeout(180_000);
  const code = `E2E${Date.now().toString(36).toUpperCase()}`;
  await signInByEmail(page, SANDBOX_URL, ADMIN, "/admin/promotions");
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByLabel("Percent off (percent codes)").fill("20");
  await page.getByLabel("Total uses (optional)").fill("5");
  await page.getByRole("button", { name: "Create code" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created ${code}.` })).toBeVisible();
  const row = page.locator(`tr[data-code="${code}"]`);
  await expect(row).toContainText("20% off");
  await expect(row.getByTestId("used")).toContainText("0 / 5");
  await axeClean(page);

  const buyer = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const shopper = await buyer.newPage();
  const { bundle, priceMinor } = await japanBundle(shopper);
  await shopper.goto(`/bundles/${bundle}`);
  await shopper.getByText("Have a promo or referral code?").click();
  await shopper.getByLabel("Code", { exact: true }).fill(code.toLowerCase());
  await shopper.getByRole("button", { name: "Apply" }).click();
  await expect(shopper).toHaveURL(/\/checkout\/review\?/);
  const discount = Math.floor((priceMinor * 20 + 50) / 100);
  const total = priceMinor - discount;
  await expect(shopper.getByTestId("promo-discount")).toContainText(money(discount));
  await expect(shopper.getByTestId("final-price")).toHaveText(money(total));
  await axeClean(shopper);

  await shopper.getByLabel("Email for your eSIM").fill(`promo-${Date.now()}@example.com`);
  await shopper.getByRole("button", { name: `Pay ${money(total)}` }).click();
  await shopper.waitForURL(/\/checkout\/pay\/cs_test_/);
  await expect(shopper.getByTestId("discount")).toContainText(`Discount (${code})`);
  await expect(shopper.getByRole("heading", { name: `Pay ${money(total)}` })).toBeVisible();
  await shopper.getByLabel("Card number").fill("4242424242424242");
  await shopper.getByLabel("Expiration (MM / YY)").fill("12 / 34");
  await shopper.getByLabel("CVC").fill("123");
  await shopper.getByLabel("Name on card").fill("Erin Example");
  await shopper.getByLabel(/I agree to the Terms of service/).check();
  await shopper.getByRole("button", { name: /^Pay / }).click();
  await shopper.waitForURL(/\/checkout\/success/);
  await buyer.close();

  await page.reload();
  await expect(row.getByTestId("used")).toContainText("1 / 5");
  await row.getByRole("link", { name: code }).click();
  await expect(page.getByTestId("redemptions")).toContainText(money(total));
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an unknown code says so and shows the full price", async ({ page }) => {
    const { bundle, priceMinor } = await japanBundle(page);
    await page.goto(`/bundles/${bundle}`);
    await page.getByText("Have a promo or referral code?").click();
    await page.getByLabel("Code", { exact: true }).fill("NOT-A-REAL-CODE");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByTestId("promo-error")).toHaveAttribute("data-reason", "not_found");
    await expect(page.getByTestId("promo-error")).toContainText("We don't know that code.");
    // axe needs JavaScript in the page; the review step is scanned with it above.
    await expect(page.getByTestId("final-price")).toHaveText(money(priceMinor));
  });
});
