// From the Buy button to an installable eSIM, in a real browser against the production build and the
// sandbox: pay on the hosted checkout page, watch the success page turn into the QR, read the delivery email
// from the sandbox inbox and check that every QR decodes to the activation code the sandbox issued.
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import jsQR from "jsqr";
import { PNG } from "pngjs";

const SANDBOX_URL = process.env.SANDBOX_URL ?? "";
const IOS_17_4 =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

test.beforeAll(() => {
  if (!SANDBOX_URL) throw new Error("SANDBOX_URL is not set (run through `npm run test:e2e`).");
});

async function sandbox<T>(path: string): Promise<T> {
  const res = await fetch(`${SANDBOX_URL}/_sandbox${path}`);
  if (!res.ok) throw new Error(`sandbox GET ${path} → ${res.status}`);
  return (await res.json()) as T;
}

async function setLatency(service: string, ms: number): Promise<void> {
  const res = await fetch(`${SANDBOX_URL}/_sandbox/latency`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ service, ms }),
  });
  if (!res.ok) throw new Error(`sandbox latency → ${res.status}`);
}

interface EsimGoLedger {
  orders: { orderReference: string; esims: { iccid: string; matchingId: string; smdpAddress: string }[] }[];
}
interface InboxEmail {
  id: string;
  subject: string;
  text: string | null;
  html: string | null;
  attachments: { filename: string; contentType: string; contentId: string | null; content?: string | null }[];
}

function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/** A fresh address per test, so inbox lookups see only this test's mail. */
const buyerEmail = (tag: string) => `e2e-${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

/** Collects uncaught page errors and console errors; the flow must produce none. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    const url = msg.location().url;
    // The browser's own favicon probe (neither the shop nor the sandbox serves one) is not a page error.
    if (msg.type() === "error" && !url.endsWith("/favicon.ico")) errors.push(`console: ${msg.text()} (${url})`);
  });
  return errors;
}

/** Opens a Japan bundle from the destination page, enters the email and presses Buy; ends on the hosted checkout. */
async function startCheckout(page: Page, email: string): Promise<{ bundle: string; sessionId: string }> {
  await page.goto("/destinations/japan");
  const card = page.getByTestId("bundle-card").first();
  const bundle = (await card.getAttribute("data-bundle")) ?? "";
  expect(bundle).not.toBe("");
  await card.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/bundles/${bundle}$`));

  await page.getByLabel(/Email for your eSIM/).fill(email);
  await page.getByRole("button", { name: /Buy now/ }).click();
  await page.waitForURL(/\/checkout\/pay\/cs_test_/);
  expect(new URL(page.url()).origin).toBe(new URL(SANDBOX_URL).origin);
  const sessionId = new URL(page.url()).pathname.split("/").pop()!;
  // The email typed on our page travelled to Stripe as customer_email and is locked there.
  await expect(page.getByLabel("Email")).toHaveValue(email);
  return { bundle, sessionId };
}

async function payWithCard(page: Page, card: string): Promise<void> {
  await page.getByLabel("Card number").fill(card);
  await page.getByLabel("Expiration (MM / YY)").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByLabel("Name on card").fill("Erin Example");
  await page.getByLabel(/I agree to the Terms of service/).check();
  await page.getByRole("button", { name: /^Pay / }).click();
}

/** The delivery email (a receipt follows it in the same inbox). */
async function waitForEmail(to: string): Promise<InboxEmail> {
  let found: InboxEmail | undefined;
  await expect
    .poll(
      async () => {
        const mails = await sandbox<InboxEmail[]>(`/emails?to=${encodeURIComponent(to)}`);
        found = mails.find((m) => /^Your eSIM is ready/.test(m.subject));
        return found?.subject ?? null;
      },
      { timeout: 30_000 },
    )
    .toMatch(/^Your eSIM is ready/);
  return sandbox<InboxEmail>(`/emails/${found!.id}`);
}

test("buy with 4242…: the success page shows the QR, and the email's QR is the eSIM the sandbox issued", async ({
  page,
  browser,
}) => {
  const errors = watchErrors(page);
  const email = buyerEmail("paid");
  const { sessionId } = await startCheckout(page, email);
  await payWithCard(page, "4242 4242 4242 4242");

  // Back on the shop, on the success page for this session.
  await page.waitForURL(
    (url) => url.pathname === "/checkout/success" && url.searchParams.get("session_id") === sessionId,
  );
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(page.getByTestId("progress-steps")).toBeVisible();
  const status = page.getByTestId("order-status");
  const orderId = (await status.getAttribute("data-order-id")) ?? "";
  expect(orderId).toMatch(/^ord_/);

  // The QR appears without a reload (polling + server re-render).
  await expect(page.getByTestId("esim-card")).toBeVisible({ timeout: 30_000 });
  await expect(status).toHaveAttribute("data-progress", "ready");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your eSIM is ready");

  // The activation code on the page is the one eSIM Go issued for this order's eSIM.
  const lpaOnPage = (await page.getByTestId("lpa").textContent()) ?? "";
  const ledger = await sandbox<EsimGoLedger>("/esim-go/orders");
  const issued = ledger.orders
    .flatMap((o) => o.esims)
    .find((e) => `LPA:1$${e.smdpAddress}$${e.matchingId}` === lpaOnPage);
  expect(issued, `no eSIM Go order issued ${lpaOnPage}`).toBeDefined();
  const lpa = `LPA:1$${issued!.smdpAddress}$${issued!.matchingId}`;
  await expect(page.getByTestId("smdp-address")).toHaveText(issued!.smdpAddress);
  await expect(page.getByTestId("activation-code")).toHaveText(issued!.matchingId);
  // What a camera sees on screen decodes to that code.
  expect(decodeQr(await page.getByTestId("esim-qr").screenshot())).toBe(lpa);
  // Desktop Chromium: no iPhone one-tap button; the Android link is offered.
  await expect(page.getByTestId("install-iphone")).toHaveCount(0);
  await expect(page.getByTestId("install-android")).toHaveAttribute(
    "href",
    `https://esimsetup.android.com/esim_qrcode_provisioning?carddata=${lpa}`,
  );

  const axe = await new AxeBuilder({ page })
    .include('[data-testid="order-status"]')
    .withTags(["wcag2a", "wcag2aa"])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The delivery email: exactly one, QR inline and attached, both decoding to the issued code.
  const mail = await waitForEmail(email);
  const delivered = (await sandbox<InboxEmail[]>(`/emails?to=${encodeURIComponent(email)}`)).filter((m) =>
    /^Your eSIM is ready/.test(m.subject),
  );
  expect(delivered).toHaveLength(1);
  const attached = mail.attachments.find((a) => a.filename === "esim-qr.png" && a.contentId === null);
  const inline = mail.attachments.find((a) => a.contentId === "esim-qr");
  expect(attached?.content).toBeTruthy();
  expect(inline?.content).toBeTruthy();
  expect(decodeQr(Buffer.from(attached!.content!, "base64"))).toBe(lpa);
  expect(decodeQr(Buffer.from(inline!.content!, "base64"))).toBe(lpa);
  expect(mail.html).toContain('src="cid:esim-qr"');
  expect(mail.text).toContain(`https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${lpa}`);

  // The private link in the email opens the order page with the same eSIM.
  const orderUrl = /(https?:\/\/[^\s\]]+\/orders\/ord_[A-Za-z0-9]+\?t=[A-Za-z0-9_%-]+)/.exec(mail.text ?? "")?.[1];
  expect(orderUrl, "order link in the email").toBeDefined();
  const link = new URL(orderUrl!);
  expect(link.pathname).toBe(`/orders/${orderId}`);
  const visit = await page.goto(`${link.pathname}${link.search}`);
  expect(visit?.status()).toBe(200);
  await expect(page.getByTestId("esim-card")).toBeVisible();
  expect(decodeQr(await page.getByTestId("esim-qr").screenshot())).toBe(lpa);

  // On an iPhone with iOS 17.4 the page offers the one-tap install with Apple's link.
  const iphone = await browser.newContext({ userAgent: IOS_17_4, viewport: { width: 390, height: 844 } });
  try {
    const phone = await iphone.newPage();
    await phone.goto(`${link.pathname}${link.search}`);
    await expect(phone.getByTestId("install-iphone")).toHaveAttribute(
      "href",
      `https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=${lpa}`,
    );
  } finally {
    await iphone.close();
  }

  // Up to here, nothing failed in the browser. (The 404s below log "Failed to load resource" by design.)
  expect(errors).toEqual([]);

  // Anyone without the token gets the same 404 as for an order that does not exist.
  for (const path of [
    `/orders/${orderId}?t=wrong-token`,
    `/orders/${orderId}`,
    `/orders/ord_doesnotexist00000000?t=${link.searchParams.get("t")}`,
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
  }
  // The success page for an unknown or malformed session is a 404 too.
  expect((await page.goto("/checkout/success?session_id=cs_test_unknown"))?.status()).toBe(404);
  expect((await page.goto("/checkout/success?session_id=not-a-session"))?.status()).toBe(404);
});

test("without JavaScript the success page refreshes itself until the eSIM is there", async ({ browser, request }) => {
  // Checkout through the JSON API and pay through the sandbox's control API: this test is about our page.
  const html = await (await request.get("/destinations/japan")).text();
  const bundle = /data-bundle="([^"]+)"/.exec(html)?.[1];
  expect(bundle).toBeDefined();
  // Checkout from the same (JavaScript-less) browser that opens the success page: its checkout cookie is what
  // shows the eSIM there.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const created = await context.request.post("/api/checkout", { data: { bundle, email: buyerEmail("nojs") } });
  expect(created.ok()).toBe(true);
  const { checkoutUrl } = (await created.json()) as { checkoutUrl: string };
  const sessionId = new URL(checkoutUrl).pathname.split("/").pop()!;
  const paid = await fetch(`${SANDBOX_URL}/_sandbox/stripe/checkout/sessions/${sessionId}/pay`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ card: "4242424242424242" }),
  });
  expect(paid.status).toBe(200);

  // A slow eSIM Go, so the first view is certainly still "buying".
  await setLatency("esim-go", 4000);
  try {
    const page = await context.newPage();
    await page.goto(`/checkout/success?session_id=${sessionId}`);
    await expect(page.getByTestId("order-status")).not.toHaveAttribute("data-progress", "ready");
    expect(
      /<noscript><meta http-equiv="refresh" content="3"\/?><\/noscript>/.test(await page.content()),
      "meta refresh in <noscript>",
    ).toBe(true);
    // The meta refresh reloads the page until the order settles, then stops.
    await expect(page.getByTestId("esim-card")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("lpa")).toHaveText(/^LPA:1\$[^$]+\$[^$]+$/);
    // The eSIM can show while its QR is still being stored; once the order is ready the refresh stops.
    await expect(page.getByTestId("order-status")).toHaveAttribute("data-progress", "ready", { timeout: 30_000 });
    expect(await page.locator("noscript").count()).toBe(0);
  } finally {
    await context.close();
    await setLatency("esim-go", 0);
  }
});

test("a declined card shows the error on the checkout page and leaves no paid order", async ({ page }) => {
  const email = buyerEmail("declined");
  const purchasesBefore = (await sandbox<EsimGoLedger>("/esim-go/orders")).orders.length;
  const { sessionId } = await startCheckout(page, email);
  await payWithCard(page, "4000 0000 0000 0002");

  await expect(page.getByRole("alert")).toHaveText("Your card was declined.");
  expect(new URL(page.url()).pathname).toBe(`/checkout/pay/${sessionId}`);

  const session = await sandbox<{ client_reference_id: string; payment_status: string; status: string }>(
    `/stripe/sessions/${sessionId}`,
  );
  expect(session).toMatchObject({ status: "open", payment_status: "unpaid" });
  const orderId = session.client_reference_id;
  expect(orderId).toMatch(/^ord_/);

  // The shop still sees the order as awaiting payment, even when asked to confirm it.
  const statusRes = await page.request.get(`/api/orders/${orderId}/status?session_id=${sessionId}`);
  expect(statusRes.status()).toBe(200);
  expect(await statusRes.json()).toMatchObject({ progress: "awaiting_payment" });
  await page.goto(`/checkout/success?session_id=${sessionId}`);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-progress", "awaiting_payment");

  // Nothing was bought and nothing was mailed.
  await page.waitForTimeout(1500);
  expect((await sandbox<EsimGoLedger>("/esim-go/orders")).orders.length).toBe(purchasesBefore);
  expect(await sandbox<InboxEmail[]>(`/emails?to=${encodeURIComponent(email)}`)).toEqual([]);
});

test("cancelling on the checkout page lands on the cancelled page with the way back", async ({ page }) => {
  const { bundle } = await startCheckout(page, buyerEmail("cancel"));
  await page.getByRole("link", { name: /Back/ }).click();
  await page.waitForURL((url) => url.pathname === "/checkout/cancelled");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payment cancelled");
  await expect(page.getByText("Nothing was charged.")).toBeVisible();
  // The cancel URL names the bundle (`&bundle=`), so the way back is one click.
  await expect(page.getByRole("link", { name: "Back to your eSIM" })).toHaveAttribute("href", `/bundles/${bundle}`);
});
