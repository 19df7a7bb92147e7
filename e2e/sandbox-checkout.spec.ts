// The sandbox's hosted Stripe Checkout page in a real browser: paying through the page must have exactly
// the same effect as paying through the control API, and a declined card must leave the session unpaid.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { startSandbox, type RunningSandbox } from "../sandbox/server";

test.use({
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  },
});

let sandbox: RunningSandbox;
let dataDir: string;
let stripe: Stripe;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-e2e-checkout-"));
  // No webhook URL, whatever the environment says: these events are not for a running app.
  sandbox = await startSandbox({ port: 0, dataDir, stripe: { webhookUrl: undefined } });
  stripe = new Stripe("sk_test_e2e", { host: "127.0.0.1", port: sandbox.port, protocol: "http", maxNetworkRetries: 0 });
});

test.afterAll(async () => {
  await sandbox?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const BUYER = { email: "e2e-buyer@example.com", name: "Erin Example" };

function createSession(orderId: string): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [
      {
        price_data: {
          currency: "usd",
          unit_amount: 1299,
          product_data: { name: "Japan 5 GB", description: "30 days" },
        },
        quantity: 1,
      },
    ],
    client_reference_id: orderId,
    metadata: { order_id: orderId },
    payment_intent_data: { metadata: { order_id: orderId } },
    success_url: `${sandbox.url}/inbox?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${sandbox.url}/inbox?cancelled=1`,
  });
}

interface SandboxEvent {
  type: string;
  data: { object: Record<string, unknown> };
}

/** Events about one payment (the session, its PaymentIntent and Charge), oldest first. */
async function eventsFor(session: Stripe.Checkout.Session): Promise<SandboxEvent[]> {
  const paid = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
  const pi = paid.payment_intent as Stripe.PaymentIntent | null;
  const ids = new Set(
    [session.id, pi?.id, typeof pi?.latest_charge === "string" ? pi.latest_charge : undefined].filter(Boolean),
  );
  const res = await fetch(`${sandbox.url}/_sandbox/stripe/events`);
  const { events } = (await res.json()) as { events: SandboxEvent[] };
  return events.filter((e) => ids.has(String(e.data.object.id)));
}

// Fields that differ between any two payments by nature: ids, links between ids, and timestamps.
const VARYING = new Set([
  "id",
  "created",
  "expires_at",
  "payment_intent",
  "latest_charge",
  "balance_transaction",
  "payment_method",
  "client_secret",
  "fingerprint",
  "url",
  "client_reference_id",
  "metadata",
]);

function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, VARYING.has(k) ? typeof v : comparable(v)]));
  }
  return value;
}

test("paying on the hosted page and through the control API produce the same events", async ({ page }) => {
  const viaPage = await createSession("ord_e2e_page");
  const viaControl = await createSession("ord_e2e_control");

  await page.goto(viaPage.url!);
  await expect(page.getByRole("heading", { name: /Pay\s+\$12\.99/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Order items" })).toContainText("Japan 5 GB");
  await page.getByLabel("Email").fill(BUYER.email);
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiration (MM / YY)").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByLabel("Name on card").fill(BUYER.name);
  await page.getByRole("button", { name: "Pay $12.99" }).click();
  await page.waitForURL(`${sandbox.url}/inbox?session_id=${viaPage.id}`);

  const res = await fetch(`${sandbox.url}/_sandbox/stripe/checkout/sessions/${viaControl.id}/pay`, {
    method: "POST",
    body: JSON.stringify({
      card: "4242424242424242",
      email: BUYER.email,
      name: BUYER.name,
      exp_month: 12,
      exp_year: 2034,
      cvc: "123",
    }),
  });
  expect(res.status).toBe(200);

  const pageEvents = await eventsFor(viaPage);
  const controlEvents = await eventsFor(viaControl);
  expect(pageEvents.map((e) => e.type)).toEqual([
    "checkout.session.completed",
    "payment_intent.succeeded",
    "charge.succeeded",
  ]);
  expect(controlEvents.map((e) => e.type)).toEqual(pageEvents.map((e) => e.type));
  expect(controlEvents.map((e) => comparable(e.data.object))).toEqual(pageEvents.map((e) => comparable(e.data.object)));

  // Each payment still carries its own order, as the webhook handler will read it.
  expect(pageEvents[0]!.data.object).toMatchObject({
    client_reference_id: "ord_e2e_page",
    payment_status: "paid",
    customer_details: { email: BUYER.email },
  });
  expect(controlEvents[0]!.data.object).toMatchObject({
    client_reference_id: "ord_e2e_control",
    payment_status: "paid",
    customer_details: { email: BUYER.email },
  });
});

test("a declined card shows Stripe's error on the page and leaves the session unpaid", async ({ page }) => {
  const session = await createSession("ord_e2e_declined");
  await page.goto(session.url!);
  await page.getByLabel("Email").fill(BUYER.email);
  await page.getByLabel("Card number").fill("4000 0000 0000 0002");
  await page.getByLabel("Expiration (MM / YY)").fill("12 / 34");
  await page.getByLabel("CVC").fill("123");
  await page.getByRole("button", { name: "Pay $12.99" }).click();

  await expect(page.getByRole("alert")).toHaveText("Your card was declined.");
  await expect(page.getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");
  expect(new URL(page.url()).pathname).toBe(`/checkout/pay/${session.id}`);

  const after = await stripe.checkout.sessions.retrieve(session.id);
  expect(after).toMatchObject({ status: "open", payment_status: "unpaid", payment_intent: null });
  expect(await eventsFor(session)).toEqual([]);

  // "Back" returns the shopper to cancel_url.
  await page.getByRole("link", { name: /Back/ }).click();
  await page.waitForURL(`${sandbox.url}/inbox?cancelled=1`);
});
