// A traveller's pages as a person meets them, in the production build with the sandbox: the private order link
// that survives a resent email and says so when it does not open, the desktop install leading with the QR code,
// a top-up that says "added — nothing to install" and counts in what is left, typo-forgiving search, and every
// customer page fitting a 390 px phone (axe clean where new).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoHorizontalOverflow } from "./support/overflow";
import { signInByEmail } from "./support/sign-in";

const SANDBOX_URL = process.env.SANDBOX_URL ?? "";

async function sandbox<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${SANDBOX_URL}/_sandbox${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

interface InboxEmail {
  id: string;
  subject: string;
  text: string | null;
}

async function waitForEmail(to: string, subject: RegExp): Promise<InboxEmail> {
  let found: InboxEmail | undefined;
  await expect
    .poll(
      async () => {
        found = (await sandbox<InboxEmail[]>(`/emails?to=${encodeURIComponent(to)}`)).find((m) =>
          subject.test(m.subject),
        );
        return Boolean(found);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}

async function axeClean(page: Page) {
  // The title may stream in after the body (Next streams metadata): check the finished page.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** A fixed-data Japan plan bought as a guest through the JSON checkout, paid in the sandbox. */
async function buyJapan(request: APIRequestContext, email: string) {
  const res = await fetch(`${SANDBOX_URL}/esim-go/v2.4/catalogue?countries=JP&perPage=100`, {
    headers: { "x-api-key": "sandbox-esim-go-key" },
  });
  const { bundles } = (await res.json()) as {
    bundles: { name: string; dataAmount: number; unlimited: boolean; countries: unknown[] }[];
  };
  const bundle = bundles.find((b) => !b.unlimited && b.dataAmount >= 1000 && b.countries.length === 1)!;
  const started = await request.post("/api/checkout", { data: { bundle: bundle.name, email } });
  expect(started.status()).toBe(201);
  const { checkoutUrl } = (await started.json()) as { checkoutUrl: string };
  const sessionId = new URL(checkoutUrl).pathname.split("/").pop()!;
  await sandbox(`/stripe/checkout/sessions/${sessionId}/pay`, { card: "4242424242424242", email });
  const mail = await waitForEmail(email, /Your eSIM is ready/);
  const link = /https?:\/\/\S+?(\/orders\/ord_[0-9a-z]+\?t=[A-Za-z0-9_%-]+)/.exec(mail.text ?? "")![1]!;
  const ledger = await sandbox<{ orders: { request: { order: { item: string }[] }; esims: { iccid: string }[] }[] }>(
    "/esim-go/orders",
  );
  const iccid = ledger.orders.filter((o) => o.request.order[0]?.item === bundle.name).at(-1)!.esims[0]!.iccid;
  return { bundle: bundle.name, dataMb: bundle.dataAmount, sessionId, link, iccid };
}

test("a traveller's order link, install, top-up and every page at 390 px", async ({ page, request }) => {
  test.setTimeout(240_000);
  const email = `e2e-pages-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const bought = await buyJapan(request, email);
  const orderPath = new URL(bought.link, "http://x").pathname;

  // On a computer the order page leads with the QR code: scan with the phone, no big "Install on Android".
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(bought.link);
  await expect(page.getByTestId("esim-qr")).toBeInViewport();
  await expect(page.getByTestId("scan-lead")).toBeVisible();
  await expect(page.locator("a.btn-primary, a.btn-secondary").filter({ hasText: /Install on/ })).toHaveCount(0);
  const qrFirst = await page.evaluate(() => {
    const qr = document.querySelector('[data-testid="esim-qr"]')!;
    const android = document.querySelector('[data-testid="install-android"]')!;
    return Boolean(qr.compareDocumentPosition(android) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(qrFirst).toBe(true);
  await axeClean(page);

  // A link that does not open the order says so and offers a fresh one — never the destinations 404.
  await page.goto(`${orderPath}?t=${"x".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "We can't open this order link" })).toBeVisible();
  await expect(page.getByText("We couldn't find that page")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Send me a fresh link" })).toHaveAttribute("href", "/orders/lost");
  await axeClean(page);

  // Search forgives a typo.
  await page.goto("/search?q=Japn");
  await expect(page).toHaveURL(/\/destinations\/japan$/);

  // Signed in, the eSIM page; the plan starts being used, then a top-up is bought onto it.
  await signInByEmail(page, SANDBOX_URL, email, `/account/esims/${bought.iccid}`);
  await sandbox(`/esim-go/esims/${bought.iccid}/usage`, { usedBytes: Math.round(bought.dataMb * 1_000_000 * 0.5) });
  await page.goto(`/account/esims/${bought.iccid}`);
  const options = page.getByTestId("top-up-options");
  await expect(options).toBeVisible();
  await options
    .getByRole("button", { name: /Top up/ })
    .first()
    .click();
  await page.waitForURL(/\/checkout\/pay\/cs_test_/);
  await page.getByLabel("Card number").fill("4242424242424242");
  await page.getByLabel("Expiration (MM / YY)").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByLabel("Name on card").fill("Erin Example");
  await page.getByLabel(/I agree to the Terms of service/).check();
  await page.getByRole("button", { name: /^Pay / }).click();
  await page.waitForURL(/\/checkout\/success\?session_id=/);
  const topupSuccess = new URL(page.url()).pathname + new URL(page.url()).search;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    /^(\d+(\.\d+)? [GM]B|Unlimited data) added — nothing to install$/,
    {
      timeout: 30_000,
    },
  );
  await expect(page.getByTestId("esim-qr")).toHaveCount(0);
  await expect(page.getByText(/install it now/i)).toHaveCount(0);
  await axeClean(page);

  // The queued top-up counts in what is left.
  await page.goto(`/account/esims/${bought.iccid}`);
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("data-queued").count();
      },
      { timeout: 30_000 },
    )
    .toBe(1);

  // Every customer page fits a phone.
  await expectNoHorizontalOverflow(page, [
    "/",
    "/destinations",
    "/destinations/japan",
    "/destinations/japan/plans?sort=price",
    "/regions",
    "/regions/europe",
    `/bundles/${encodeURIComponent(bought.bundle)}`,
    "/search?q=united",
    "/search?q=zzzzqq",
    "/help/install",
    "/checkout/cancelled",
    `/checkout/success?session_id=${bought.sessionId}`,
    topupSuccess,
    bought.link,
    `${orderPath}?t=${"x".repeat(43)}`,
    "/orders/lost",
    "/account",
    `/account/esims/${bought.iccid}`,
    "/no-such-page",
  ]);
  // The account page with an order on it, at phone width and on a computer.
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto("/account");
    await expect(page.getByTestId("order-row").first()).toBeVisible();
    await axeClean(page);
  }
  await page.context().clearCookies();
  await expectNoHorizontalOverflow(page, ["/sign-in", "/orders/lost", bought.link]);

  // The plan page names the networks and speeds the plan gets, from the provider's catalogue.
  await page.goto(`/bundles/${encodeURIComponent(bought.bundle)}`);
  const networks = page.getByTestId("plan-networks");
  await expect(networks).toContainText("Japan");
  await expect(networks).toContainText("NTT Docomo");
  await expect(networks).toContainText(/\dG/);
  // Provider descriptions read "eSIM, 1GB, 7 Days, Japan, V2": none reaches the page (our own prose may say "eSIM, ").
  await expect(page.getByText(/eSIM, \d+(\.\d+)?\s?(GB|MB)/)).toHaveCount(0);
  await axeClean(page);
});

test("a plan page says 'Top-ups available' only while it can be topped up", async ({ page, browser }) => {
  test.setTimeout(120_000);
  // A plan no other spec buys or looks at: this test switches it off for a moment.
  await page.goto("/destinations/iceland");
  const plan =
    (await page.locator('[data-testid="bundle-card"][data-bundle*="_IS_"]').last().getAttribute("data-bundle")) ?? "";
  expect(plan).not.toBe("");
  const planPath = `/bundles/${encodeURIComponent(plan)}`;
  // eSIM Go adds plans to an eSIM it issued (the eSIM page then offers them): said at both widths.
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(planPath);
    await expect(page.getByTestId("plan-topups")).toHaveText(/^Top-ups available: add data to this eSIM later/);
    // The operator says eSIM Go's plans may be shared as a hotspot (PLAN_HOTSPOT in this stack).
    await expect(page.getByTestId("plan-hotspot")).toHaveText(/^Hotspot allowed/);
    await axeClean(page);
  }

  // Once the plan is off sale (an admin disabled it), its page promises no top-ups.
  const admin = await (await browser.newContext()).newPage();
  await signInByEmail(admin, SANDBOX_URL, "admin@tern.test", "/admin/catalogue");
  await admin.goto(`/admin/catalogue?q=${encodeURIComponent(plan)}`);
  const row = admin.getByRole("listitem").filter({ hasText: plan });
  try {
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row).toContainText("disabled");
    await expect
      .poll(
        async () => {
          await page.goto(planPath);
          return page.getByTestId("unavailable").count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await expect(page.getByText(/Top-ups available/)).toHaveCount(0);
  } finally {
    await admin.goto(`/admin/catalogue?q=${encodeURIComponent(plan)}`);
    const again = admin.getByRole("listitem").filter({ hasText: plan }).getByRole("button", { name: "Enable" });
    if (await again.count()) await again.click();
  }
});

test("the install guide the delivery email links to shows each step in pictures, for iPhone and Android", async ({
  page,
}) => {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/help/install");
    for (const [platform, name] of [
      ["iphone", "iPhone"],
      ["android", "Android"],
    ] as const) {
      const pictures = page.getByTestId(`install-pictures-${platform}`).getByRole("img");
      await expect(pictures).toHaveCount(4);
      for (let i = 0; i < 4; i++) {
        const picture = pictures.nth(i);
        // Alt text says what the picture shows, step by step.
        await expect(picture).toHaveAccessibleName(new RegExp(`^${name} step ${i + 1}: \\w.{20,}`));
        await picture.scrollIntoViewIfNeeded();
        await expect(picture).toBeVisible();
        const box = (await picture.boundingBox())!;
        expect(box.width).toBeGreaterThan(100);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
      }
    }
    await expect(
      page.getByTestId("install-pictures-iphone").getByRole("img", { name: /Add eSIM highlighted/ }),
    ).toBeVisible();
    await axeClean(page);
  }
  await expectNoHorizontalOverflow(page, ["/help/install"]);
});
