// The admin area in a real browser against the production build and the sandbox: strangers get 404/403 on
// every admin route (found on disk), the sandbox admin signs in from the inbox, finds an order whose delivery
// email Resend refused in the attention queue, retries it once the fault is cleared, sees it delivered and
// the retry in the audit log; the dashboard moves by exactly the orders this test made; axe finds nothing
// serious on any admin page; the catalogue shows each provider's last sync, and a featured plan replaces the
// popular destinations on the home page until it is unfeatured.
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signInByEmail } from "./support/sign-in";

const SANDBOX_URL = process.env.SANDBOX_URL ?? "";
const ADMIN = "admin@tern.test";

test.beforeAll(() => {
  if (!SANDBOX_URL) throw new Error("SANDBOX_URL is not set (run through `npm run test:e2e`).");
});

async function sandbox<T>(route: string, body?: unknown, method?: string): Promise<T> {
  const res = await fetch(`${SANDBOX_URL}/_sandbox${route}`, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${route} → ${res.status}: ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

interface InboxEmail {
  id: string;
  subject: string;
  text: string | null;
}
const inbox = (to: string) => sandbox<InboxEmail[]>(`/emails?to=${encodeURIComponent(to)}`);

async function waitForEmail(to: string, subject: RegExp, count = 1): Promise<InboxEmail> {
  await expect
    .poll(async () => (await inbox(to)).filter((m) => subject.test(m.subject)).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(count);
  return (await inbox(to)).find((m) => subject.test(m.subject))!;
}

/** Admin URLs from the route folders under app/(admin) (dynamic segments filled with a made-up id). */
function adminPagePaths(): string[] {
  const root = path.resolve("app/(admin)");
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name === "page.tsx") {
        const rel = path
          .relative(root, dir)
          .split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s));
        out.push(`/${rel.map((s) => (s.startsWith("[") ? "ord_doesnotexist00000" : s)).join("/")}`);
      }
    }
  };
  walk(root);
  return out;
}

function adminApiPaths(): string[] {
  const root = path.resolve("app/api/admin");
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name === "route.ts")
        out.push(
          `/api/admin/${path
            .relative(root, dir)
            .split(path.sep)
            .filter(Boolean)
            .map((s) => (s.startsWith("[") ? "ord_doesnotexist00000" : s))
            .join("/")}`.replace(/\/$/, ""),
        );
    }
  };
  walk(root);
  return out;
}

async function pickBundle(): Promise<string> {
  const res = await fetch(`${SANDBOX_URL}/esim-go/v2.4/catalogue?countries=FR&perPage=100`, {
    headers: { "x-api-key": "sandbox-esim-go-key" },
  });
  const { bundles } = (await res.json()) as { bundles: { name: string; unlimited: boolean; countries: unknown[] }[] };
  return bundles.find((b) => !b.unlimited && b.countries.length === 1)!.name;
}

/** Checkout through the JSON API, paid in the sandbox. Returns the order id and what was charged. */
async function buy(request: APIRequestContext, email: string, bundle: string) {
  const res = await request.post("/api/checkout", { data: { bundle, email } });
  expect(res.status()).toBe(201);
  const { checkoutUrl, orderId } = (await res.json()) as { checkoutUrl: string; orderId: string };
  const sessionId = new URL(checkoutUrl).pathname.split("/").pop()!;
  const session = await sandbox<{ amount_total: number }>(`/stripe/sessions/${sessionId}`);
  await sandbox(`/stripe/checkout/sessions/${sessionId}/pay`, { card: "4242424242424242", email });
  return { orderId, amountMinor: session.amount_total };
}

const money = (text: string) => Math.round(Number(text.replace(/[^0-9.]/g, "")) * 100);

async function dashboard(page: Page) {
  await page.goto("/admin?period=today");
  return {
    orders: Number(await page.getByTestId("stat-orders").innerText()),
    revenue: money(await page.getByTestId("stat-revenue").innerText()),
  };
}

async function expectAccessible(page: Page) {
  // The title may stream in after the body (Next streams metadata): check the finished page.
  await expect(page).toHaveTitle(/\S/);
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${page.url()} ${v.id}: ${v.help}`)).toEqual([]);
}

test("strangers get 404 from every admin page and 403 from every admin API", async ({ request }) => {
  const pages = adminPagePaths();
  expect(pages.length).toBeGreaterThanOrEqual(6);
  for (const p of pages) {
    const res = await request.get(p, { maxRedirects: 0 });
    expect(res.status(), p).toBe(404);
    expect(await res.text()).not.toContain("Admin:");
  }
  const apis = adminApiPaths();
  expect(apis.length).toBeGreaterThanOrEqual(2);
  for (const p of apis) {
    const res = await request.post(p, { data: { action: "reconcile" }, maxRedirects: 0 });
    expect(res.status(), p).toBe(403);
  }
});

test("an admin signs in from the inbox, retries a failed delivery and sees it delivered and audited", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // Sign in with the sandbox admin address; the link lands in the sandbox inbox.
  await signInByEmail(page, SANDBOX_URL, ADMIN, "/admin");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const before = await dashboard(page);

  const bundle = await pickBundle();
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  const happy = `e2e-admin-ok-${stamp}@example.com`;
  const unlucky = `e2e-admin-fail-${stamp}@example.com`;
  const first = await buy(request, happy, bundle);
  await waitForEmail(happy, /Your eSIM is ready/);
  // Its receipt follows the eSIM: wait for it too, so the fault below is taken by the next order's email.
  await waitForEmail(happy, /Your receipt/);

  // Resend refuses the next email for good: the eSIM is bought but not delivered, and the order is parked.
  await sandbox("/faults", { service: "resend", route: "POST /emails", status: 422, times: 1 });
  const second = await buy(request, unlucky, bundle);
  await page.goto("/admin/attention");
  const item = page.getByTestId("attention-item").filter({ hasText: second.orderId });
  await expect(async () => {
    await page.reload();
    await expect(item).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  await expect(item).toContainText("delivery failed");
  await expectAccessible(page);

  await sandbox("/faults", undefined, "DELETE");
  await item.getByRole("button", { name: "Retry now" }).click();
  // The queue refreshes after the action; the customer's email is the proof that the retry worked.
  await waitForEmail(unlucky, /Your eSIM is ready/);

  await page.goto(`/admin/orders/${second.orderId}`);
  await expect(async () => {
    await page.reload();
    await expect(page.locator("h1 + span")).toHaveText("delivered", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByText("admin.retry")).toBeVisible();
  await expectAccessible(page);

  await page.goto("/admin/audit");
  const row = page.getByTestId("audit-row").filter({ hasText: second.orderId }).filter({ hasText: "order.retry" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(ADMIN);
  await expect(row).toContainText("applied");
  await expectAccessible(page);

  // The dashboard moved by exactly this test's two paid orders.
  const after = await dashboard(page);
  expect(after.orders - before.orders).toBe(2);
  expect(after.revenue - before.revenue).toBe(first.amountMinor + second.amountMinor);
  await expectAccessible(page);

  for (const p of [
    "/admin/orders",
    `/admin/orders?q=${encodeURIComponent(unlucky)}`,
    "/admin/reconcile",
    "/admin/catalogue",
  ]) {
    await page.goto(p);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);
  }
  await page.goto(`/admin/orders?q=${encodeURIComponent(unlucky)}`);
  await expect(page.getByRole("link", { name: second.orderId })).toBeVisible();

  // The catalogue page shows each provider's last sync; the reconcile page its failed top-ups.
  await page.goto("/admin/catalogue");
  await expect(page.getByTestId("sync-esim-go")).toContainText("Last run");
  await page.goto("/admin/reconcile");
  await expect(page.getByRole("heading", { name: /Failed wallet top-ups/ })).toBeVisible();

  // A featured plan takes the popular destinations' place on the home page; unfeatured, they come back.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Popular destinations" })).toBeVisible();
  await page.goto(`/admin/catalogue?q=${encodeURIComponent(bundle)}`);
  await page.locator("li", { hasText: bundle }).getByRole("button", { name: "Feature", exact: true }).click();
  await expect(async () => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Featured plans" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Popular destinations" })).toHaveCount(0);
  await expect(page.locator(`a[href*="${encodeURIComponent(bundle)}"]`).first()).toBeVisible();
  await expectAccessible(page);
  await page.goto("/admin/catalogue");
  await page.locator("li", { hasText: bundle }).getByRole("button", { name: "Unfeature" }).click();
  await expect(async () => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Popular destinations" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
});
