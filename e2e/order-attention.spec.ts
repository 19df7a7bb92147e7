// The order page tells the truth when delivery stalls: the eSIM was bought but Resend refused the delivery
// email (a 4xx), so the order waits for an admin — and the customer still sees and can install the eSIM.
import { expect, test } from "@playwright/test";

const SANDBOX_URL = process.env.SANDBOX_URL ?? "";

async function control(method: "POST" | "DELETE", path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${SANDBOX_URL}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${method} ${path} → ${res.status}`);
}

test.afterEach(async () => {
  await control("DELETE", "/faults");
});

test("a refused delivery email parks the order, and its page still shows the eSIM to install", async ({ page }) => {
  await control("POST", "/faults", { service: "resend", route: "POST /emails", status: 422, times: 1 });
  const email = `e2e-attention-${Date.now()}@example.com`;
  await page.goto("/destinations/japan");
  await page.getByTestId("bundle-card").first().getByRole("link").click();
  await page.getByLabel(/Email for your eSIM/).fill(email);
  await page.getByRole("button", { name: /Buy now/ }).click();
  await page.waitForURL(/\/checkout\/pay\/cs_test_/);
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiration (MM / YY)").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByLabel("Name on card").fill("Erin Example");
  await page.getByLabel(/I agree to the Terms of service/).check();
  await page.getByRole("button", { name: /^Pay / }).click();
  await page.waitForURL((url) => url.pathname === "/checkout/success");

  const status = page.getByTestId("order-status");
  await expect(async () => {
    await page.reload();
    await expect(status).toHaveAttribute("data-progress", "needs_attention", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your eSIM is ready");
  await expect(page.getByTestId("status-message")).toContainText("couldn't email it");
  await expect(page.getByTestId("esim-qr")).toBeVisible();
});
