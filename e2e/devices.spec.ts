// The device check in a real browser: a traveller finds their phone on /devices with and without JavaScript,
// is warned about a mainland-China iPhone, and asks "will it work on my phone?" beside the Buy button — at
// desktop and phone widths, with an accessibility scan of each.
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

const WIDTHS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

async function axeClean(page: Page) {
  // The title may stream in after the body (Next streams metadata): check the finished page.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function japanBundle(page: Page): Promise<string> {
  await page.goto("/destinations/japan");
  const bundle = await page.getByTestId("bundle-card").first().getAttribute("data-bundle");
  expect(bundle).toBeTruthy();
  return bundle!;
}

for (const size of WIDTHS) {
  test.describe(`at ${size.width}px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("the device list answers as you type, and warns about a mainland-China iPhone", async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto("/devices");
      await expect(page.getByRole("heading", { level: 1, name: "Will it work on my phone?" })).toBeVisible();
      const total = Number(/^(\d+) devices$/.exec((await page.getByTestId("device-count").textContent()) ?? "")?.[1]);
      expect(total).toBeGreaterThan(100);
      await expect(page.getByText("*#06#").first()).toBeVisible();

      const box = page.getByRole("searchbox", { name: /Search your phone/ });
      await box.fill("iPhone 13 mini");
      const verdict = page.getByTestId("device-verdict");
      await expect(verdict).toHaveAttribute("data-verdict", "works");
      await expect(verdict).toContainText("Yes — the Apple iPhone 13 mini takes a travel eSIM");
      await expect(page.getByTestId("device-count")).toContainText("1 device matches");

      await box.fill("iPhone 15 Pro China");
      await expect(verdict).toHaveAttribute("data-verdict", "variant_without_esim");
      await expect(verdict).toContainText("mainland China");

      await box.fill("SM-S9110");
      await expect(verdict).toContainText("Galaxy S23");
      await expect(verdict).toContainText("Chinese model");

      await box.press("Enter");
      await expect(page).toHaveURL(/\/devices\?q=SM-S9110$/);
      await axeClean(page);
      expect(errors).toEqual([]);
    });

    test("'Will it work on my phone?' answers beside the Buy button", async ({ page }) => {
      const errors = watchErrors(page);
      const bundle = await japanBundle(page);
      await page.goto(`/bundles/${bundle}`);
      const check = page.getByTestId("device-check");
      await check.getByText("Will it work on my phone?").click();
      await check.getByRole("searchbox").fill("Apple Watch");
      await expect(check.getByTestId("device-verdict")).toHaveAttribute("data-verdict", "not_installable");
      await check.getByRole("searchbox").fill("pixel 8");
      await expect(check.getByTestId("device-verdict")).toContainText("Yes — the Google Pixel 8 takes a travel eSIM");
      // An exact answer stays on the page: the buyer is one click from paying.
      await check.getByRole("button", { name: "Check" }).click();
      await expect(page).toHaveURL(new RegExp(`/bundles/${bundle}$`));
      await axeClean(page);
      expect(errors).toEqual([]);
    });
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the search is a plain form; the plan page's check leads to the list", async ({ page }) => {
    await page.goto("/devices");
    await page.getByRole("searchbox", { name: /Search your phone/ }).fill("galaxy s23 china");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/devices\?q=galaxy\+s23\+china$/);
    const verdict = page.getByTestId("device-verdict");
    await expect(verdict).toHaveAttribute("data-verdict", "variant_without_esim");
    await expect(verdict).toContainText("Galaxy S23");

    const bundle = await japanBundle(page);
    await page.goto(`/bundles/${bundle}`);
    const check = page.getByTestId("device-check");
    await check.getByText("Will it work on my phone?").click();
    await check.getByRole("searchbox").fill("Nokia 3310");
    await check.getByRole("button", { name: "Check" }).click();
    await expect(page).toHaveURL(/\/devices\?q=Nokia\+3310$/);
    // axe needs JavaScript in the page; these pages are scanned with it above.
    await expect(page.getByTestId("device-verdict")).toHaveAttribute("data-verdict", "unknown");
  });
});
