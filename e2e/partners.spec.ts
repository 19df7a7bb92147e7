// Resellers end to end in a real browser against the production build and the sandbox: an admin creates and
// approves a partner and gives it a credit line; the partner's user signs in with the normal sign-in, creates
// an API key in the portal, orders over the API (plain fetch, as a partner's server would), and sees the
// delivered order and its ledger entry in the portal. Strangers get nothing from the portal or the API.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInByEmail } from "./support/sign-in";

const SANDBOX_URL = process.env.SANDBOX_URL ?? "";
const BASE_URL = process.env.E2E_BASE_URL ?? "";
const ADMIN = "admin@tern.test";

test.beforeAll(() => {
  if (!SANDBOX_URL || !BASE_URL)
    throw new Error("SANDBOX_URL / E2E_BASE_URL are not set (run through `npm run test:e2e`).");
});

async function signIn(browser: Browser, email: string, next: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInByEmail(page, SANDBOX_URL, email, next);
  return page;
}

async function expectAccessible(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${page.url()} ${v.id}: ${v.help}`)).toEqual([]);
}

const api = (path: string, key: string | null, init: RequestInit = {}) =>
  fetch(`${BASE_URL}/api/v1${path}`, {
    ...init,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      "content-type": "application/json",
      ...init.headers,
    },
  });

test("strangers get nothing from the portal or the API", async ({ request }) => {
  const portal = await request.get("/partner", { maxRedirects: 0 });
  expect([302, 303, 307]).toContain(portal.status());
  expect(portal.headers().location).toContain("/sign-in");
  const res = await api("/orders", null);
  expect(res.status).toBe(401);
  const body = await res.json();
  expect(body.error).toMatchObject({ code: "unauthorized", requestId: expect.any(String) });
  const doc = await (await fetch(`${BASE_URL}/api/v1/openapi.json`)).json();
  expect(doc.openapi).toBe("3.1.0");
});

test("an admin approves a partner; the partner makes a key, orders over the API and sees it in the portal", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const partnerEmail = `agent-${stamp}@agency.test`;
  const partnerName = `Agency ${stamp}`;

  // The admin creates the partner (pending), approves it and gives it a postpaid credit line.
  const admin = await signIn(browser, ADMIN, "/admin");
  await admin.goto("/admin/partners");
  await admin.getByLabel("Name", { exact: true }).fill(partnerName);
  await admin.getByLabel("Portal user's email").fill(partnerEmail);
  await admin.getByRole("button", { name: "Create partner" }).click();
  await expect(admin.getByText(`Created ${partnerName}`)).toBeVisible();
  await admin.reload();
  await admin.getByRole("link", { name: partnerName }).click();
  await expect(admin.getByRole("heading", { name: partnerName })).toBeVisible();
  await expect(admin.getByText("pending", { exact: true })).toBeVisible();
  await admin.getByRole("button", { name: "Approve" }).click();
  await expect(admin.getByText(`${partnerName} is approved.`)).toBeVisible();
  await admin.getByLabel("Billing", { exact: true }).selectOption("postpaid");
  await admin.getByLabel(/Credit limit/).fill("50000");
  await admin.getByLabel(/Rate \(basis points/).fill("1000");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByText("Settings saved.")).toBeVisible();
  await admin.reload();
  await expect(admin.getByText("approved", { exact: true })).toBeVisible();
  await expect(admin.getByText("partner.approve")).toBeVisible();
  await expectAccessible(admin);

  // The partner's user signs in with the shop's sign-in and creates a key; it is shown once.
  const portal = await signIn(browser, partnerEmail, "/partner");
  await expect(portal.getByRole("heading", { name: partnerName })).toBeVisible();
  await expectAccessible(portal);
  await portal.goto("/partner/keys");
  await portal.getByLabel("Name", { exact: true }).fill("booking system");
  await portal.getByRole("button", { name: "Create key" }).click();
  const key = (await portal.getByTestId("new-secret").innerText()).trim();
  expect(key).toMatch(/^tern_[0-9a-z]{32}$/);
  await expectAccessible(portal);

  // Its server orders over the API.
  const catalogue = await (await api("/catalogue?country=FR", key)).json();
  const bundle = catalogue.data.find(
    (b: { unlimited: boolean; countries: string[] }) => !b.unlimited && b.countries.length === 1,
  );
  expect(bundle.price.amountMinor).toBeLessThan(bundle.retailPrice.amountMinor);
  const reference = `booking-${stamp}`;
  const idempotencyKey = crypto.randomUUID();
  const place = () =>
    api("/orders", key, {
      method: "POST",
      headers: { "idempotency-key": idempotencyKey },
      body: JSON.stringify({ bundle: bundle.bundle, reference }),
    });
  const created = await place();
  expect(created.status).toBe(201);
  const order = await created.json();
  expect(order).toMatchObject({ reference, status: "paid", price: bundle.price });
  const retried = await place();
  expect(retried.status).toBe(201);
  expect(retried.headers.get("idempotent-replayed")).toBe("true");
  expect((await retried.json()).id).toBe(order.id);

  await expect
    .poll(async () => (await (await api(`/orders/${order.id}`, key)).json()).status, { timeout: 60_000 })
    .toBe("delivered");
  const install = await (await api(`/orders/${order.id}/install`, key)).json();
  expect(install.lpa).toMatch(/^LPA:1\$/);
  const ledger = await (await api("/ledger", key)).json();
  expect(ledger.balance.amountMinor).toBe(-bundle.price.amountMinor);

  // The portal shows the order and its ledger entry.
  await portal.goto("/partner/orders");
  const row = portal.getByRole("row").filter({ hasText: reference });
  await expect(row).toContainText("delivered");
  await expect(row).toContainText(order.id);
  await portal.goto("/partner/ledger");
  await expect(portal.getByTestId("ledger-row").filter({ hasText: `order:${order.id}` })).toBeVisible();
  await expectAccessible(portal);
  await portal.goto(`/partner/ledger/statement?month=${new Date().toISOString().slice(0, 7)}`);
  await expect(portal.getByText(`order`, { exact: true }).first()).toBeVisible();
  await portal.goto("/docs/api");
  await expect(portal.getByRole("heading", { name: "Reseller API" })).toBeVisible();
  await expectAccessible(portal);

  // The admin credits a goodwill adjustment, confirmed by typing the partner id; the partner sees it.
  const partnerId = new URL(admin.url()).pathname.split("/").at(-1)!;
  await admin.getByLabel("Amount (USD)").fill("12.34");
  await admin.getByLabel("Reason").fill("Goodwill for a slow delivery");
  await admin.getByLabel(`Type ${partnerId} to confirm`).fill("wrong");
  await admin.getByRole("button", { name: "Post adjustment" }).click();
  await expect(admin.getByText(`Type ${partnerId} to confirm.`)).toBeVisible();
  // React resets a form after its action: the admin fills it in again.
  await admin.getByLabel("Amount (USD)").fill("12.34");
  await admin.getByLabel("Reason").fill("Goodwill for a slow delivery");
  await admin.getByLabel(`Type ${partnerId} to confirm`).fill(partnerId);
  await admin.getByRole("button", { name: "Post adjustment" }).click();
  await expect(admin.getByText(/^Credited \$12\.34; balance now/)).toBeVisible();
  await expectAccessible(admin);
  const after = await (await api("/ledger", key)).json();
  expect(after.balance.amountMinor).toBe(1_234 - bundle.price.amountMinor);
  await portal.goto("/partner/ledger");
  await expect(portal.getByTestId("ledger-row").filter({ hasText: "adjustment:" })).toBeVisible();
});
