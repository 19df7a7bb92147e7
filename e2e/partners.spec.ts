// Resellers end to end in a real browser against the production build and the sandbox: an admin creates and
// approves a partner and gives it a credit line; the partner's user signs in with the normal sign-in, creates
// an API key in the portal, orders over the API (plain fetch, as a partner's server would), and sees the
// delivered order and its ledger entry in the portal. Strangers get nothing from the portal or the API.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import http from "node:http";
import { signInByEmail } from "./support/sign-in";
import { expectNoHorizontalOverflow } from "./support/overflow";

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
  // The title may stream in after the body (Next streams metadata): check the finished page.
  await expect(page).toHaveTitle(/\S/);
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
  test.setTimeout(480_000); // two sign-ins, an order through fulfilment, and a 390 px walk of 18 pages
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
  // Only what applies: an approved partner can be suspended, not approved again.
  await expect(admin.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: "Suspend" })).toHaveCount(1);
  // The form speaks money and percent; bad input is refused with a clear message and nothing is saved.
  await admin.getByLabel("Billing", { exact: true }).selectOption("postpaid");
  await admin.getByLabel("Credit limit (USD)").fill("500.005");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByText("Credit limit: USD has 2 decimal places.", { exact: false })).toBeVisible();
  await admin.getByLabel("Billing", { exact: true }).selectOption("postpaid");
  await admin.getByLabel("Credit limit (USD)").fill("$500");
  await admin.getByLabel("Rate (%)").fill("10 %");
  await admin.getByLabel("Low-balance alert below (USD)").fill("25.50");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByText("Settings saved.")).toBeVisible();
  await admin.reload();
  await expect(admin.getByText("approved", { exact: true })).toBeVisible();
  await expect(admin.getByLabel("Credit limit (USD)")).toHaveValue("500.00");
  await expect(admin.getByLabel("Rate (%)")).toHaveValue("10 %");
  await expect(admin.getByLabel("Low-balance alert below (USD)")).toHaveValue("25.50");
  await expect(admin.getByText("partner.approve")).toBeVisible();
  await expectAccessible(admin);

  // The partner's user signs in with the shop's sign-in, asking for no page: they land in their portal, and
  // the header links there.
  const portal = await (await browser.newContext()).newPage();
  await signInLanding(portal, partnerEmail);
  await expect(portal).toHaveURL(/\/partner$/);
  await expect(portal.getByRole("heading", { name: partnerName })).toBeVisible();
  await portal.goto("/destinations");
  await expect(portal.getByRole("link", { name: "Partner portal" })).toHaveAttribute("href", "/partner");
  await expectWorkspaceInPhoneMenu(portal, "Partner portal", "/partner");
  await portal.goto("/partner");
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
  expect(install.qrPngDataUrl).toMatch(/^data:image\/png;base64,/);
  expect(install.appleInstallUrl).toContain("esimsetup.apple.com");
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
  // Statements start at the partner's first month: this one.
  const month = new Date().toISOString().slice(0, 7);
  await expect(portal.getByRole("link", { name: "printable" })).toHaveCount(1);
  const earlier = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1));
  const before = await portal.goto(`/partner/ledger/statement?month=${earlier.toISOString().slice(0, 7)}`);
  expect(before?.status()).toBe(404);
  await portal.goto(`/partner/ledger/statement?month=${month}`);
  await expect(portal.getByText(`order`, { exact: true }).first()).toBeVisible();

  // The docs: the base URL, a curl line and a JSON answer per call.
  await portal.goto("/docs/api");
  await expect(portal.getByRole("heading", { name: "Reseller API" })).toBeVisible();
  await expect(portal.getByText(`${BASE_URL}/api/v1`, { exact: true })).toBeVisible();
  const installDoc = portal.locator("li", { has: portal.getByRole("heading", { name: "GET /orders/{id}/install" }) });
  await expect(installDoc.locator("pre").first()).toContainText(`curl "${BASE_URL}/api/v1/orders/`);
  await expect(installDoc.locator("pre").nth(1)).toContainText('"qrPngDataUrl"');
  await expectAccessible(portal);

  // A webhook endpoint (a receiver here, as a partner's server) gets a signed test event from the portal's
  // button, and the delivery log shows it.
  const received: string[] = [];
  const receiver = http.createServer((req, res) => {
    received.push(String(req.headers["tern-signature"] ?? ""));
    req.resume();
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    await portal.goto("/partner/webhooks");
    await portal.getByLabel("URL").fill(`http://127.0.0.1:${(receiver.address() as { port: number }).port}/tern`);
    await portal.getByRole("button", { name: "Add endpoint" }).click();
    await expect(portal.getByText(/you can show it again below/)).toBeVisible();
    await portal.reload();
    await portal.getByRole("button", { name: "Send test event" }).click();
    await expect(portal.getByText(/Test event evt_\w+ delivered: your endpoint answered 204\./)).toBeVisible();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    await portal.reload();
    await expect(portal.getByTestId("delivery-row").filter({ hasText: "test" })).toContainText("204");
    await expectAccessible(portal);
  } finally {
    await new Promise((r) => receiver.close(r));
  }

  // Nothing in the portal, the docs or the admin area scrolls sideways on a phone.
  await expectNoHorizontalOverflow(portal, [
    "/partner",
    "/partner/orders",
    "/partner/keys",
    "/partner/webhooks",
    "/partner/ledger",
    `/partner/ledger/statement?month=${month}`,
    "/docs/api",
  ]);
  await portal.setViewportSize({ width: 390, height: 844 });
  await portal.goto("/docs/api");
  await expectAccessible(portal);
  await portal.setViewportSize({ width: 1280, height: 720 });

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

  // The admin's order page offers only what applies to a delivered order: no retry.
  await admin.goto(`/admin/orders/${order.id}`);
  await expect(admin.getByRole("heading", { name: order.id })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Retry fulfilment now" })).toHaveCount(0);
  // The dashboard's revenue chart reads in money.
  await admin.goto("/admin");
  const revenue = admin.locator("figure", { hasText: "Revenue" });
  await expect(
    revenue
      .locator("svg text")
      .filter({ hasText: /^\$\d+\.\d{2}$/ })
      .first(),
  ).toBeVisible();
  await expectNoHorizontalOverflow(admin, [
    "/admin",
    "/admin/orders",
    `/admin/orders/${order.id}`,
    "/admin/attention",
    "/admin/partners",
    `/admin/partners/${partnerId}`,
    "/admin/catalogue",
    "/admin/stock",
    "/admin/reconcile",
    "/admin/audit",
  ]);
});

test("an admin signing in without asking for a page lands on the dashboard", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signInLanding(page, ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/destinations");
  await expect(page.getByRole("link", { name: "Admin", exact: true })).toHaveAttribute("href", "/admin");
  await expectWorkspaceInPhoneMenu(page, "Admin", "/admin");
});

test("a visitor's phone menu links to no admin area or portal", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // The menu learns who is signed in from the browser: the answer must be in before "none" means anything.
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/auth/session");
  await page.goto("/destinations");
  await answered;
  await page.getByText("Menu", { exact: true }).click();
  await expect(page.getByRole("link", { name: "Account", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /^(Admin|Partner portal)$/ })).toHaveCount(0);
});

/** At 390 px the header's links are in its "Menu": the workspace link is there too, and the open menu is clean. */
async function expectWorkspaceInPhoneMenu(page: Page, label: string, href: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.goto("/destinations");
    await page.getByText("Menu", { exact: true }).click();
    const link = page.getByRole("link", { name: label, exact: true });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute("href", href);
    await expectAccessible(page);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/** Signs in from the plain sign-in page (no `next`), as a person opening the site would. */
async function signInLanding(page: Page, email: string): Promise<void> {
  const links = async () =>
    (
      (await (await fetch(`${SANDBOX_URL}/_sandbox/emails?to=${encodeURIComponent(email)}`)).json()) as {
        id: string;
        subject: string;
      }[]
    ).filter((m) => /sign-in link/.test(m.subject));
  const earlier = new Set((await links()).map((m) => m.id));
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect.poll(async () => (await links()).filter((m) => !earlier.has(m.id)).length, { timeout: 30_000 }).toBe(1);
  const fresh = (await links()).find((m) => !earlier.has(m.id))!;
  const mail = (await (await fetch(`${SANDBOX_URL}/_sandbox/emails/${fresh.id}`)).json()) as { text: string };
  await page.goto(/https?:\/\/\S+\/sign-in\/confirm\?token=[A-Za-z0-9_%-]+/.exec(mail.text)![0]);
  await page.getByRole("button", { name: "Sign in" }).click();
}
