// Test helpers for the Stripe imitation: a sandbox on a free port with a temp data dir, a real `stripe`
// client pointed at it, and a local webhook receiver.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startSandbox, type RunningSandbox, type SandboxOverrides } from "../server";
import { drainDeliveries } from "../core/deliver";

export interface TestSandbox {
  sandbox: RunningSandbox;
  stripe: Stripe;
  dir: string;
  /** Stop the sandbox; `keepDir` leaves the data dir for a restart. */
  close: (opts?: { keepDir?: boolean }) => Promise<void>;
}

export function stripeClient(port: number, key = "sk_test_tern_sandbox"): Stripe {
  // maxNetworkRetries 0: the SDK would otherwise retry 5xx answers and hide injected faults.
  return new Stripe(key, { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0 });
}

export async function startTestSandbox(overrides: SandboxOverrides = {}, dir?: string): Promise<TestSandbox> {
  const dataDir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "tern-stripe-"));
  const sandbox = await startSandbox({
    port: 0,
    dataDir,
    ...overrides,
    stripe: { retryDelaysMs: [], webhookUrl: undefined, ...overrides.stripe },
  });
  return {
    sandbox,
    stripe: stripeClient(sandbox.port),
    dir: dataDir,
    close: async (opts = {}) => {
      await sandbox.close();
      // Let in-flight webhook attempts record themselves before the data dir goes away.
      await drainDeliveries();
      sandbox.app.store.flush();
      if (!opts.keepDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ReceivedWebhook {
  body: string;
  signature: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Resolves once `n` requests have arrived (or rejects after `timeoutMs`). */
  waitFor: (n: number, timeoutMs?: number) => Promise<ReceivedWebhook[]>;
  close: () => Promise<void>;
}

/** An HTTP endpoint recording raw bodies; `status(n)` decides the answer to the n-th request (1-based). */
export async function startReceiver(status: (n: number) => number = () => 200): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        signature: String(req.headers["stripe-signature"] ?? ""),
      });
      res.writeHead(status(received.length));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    received,
    waitFor: async (n, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} webhooks, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return received;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A session as Tern creates one: one eSIM bundle, order id as client_reference_id. */
export function sessionParams(
  origin: string,
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [
      {
        price_data: {
          currency: "usd",
          unit_amount: 599,
          product_data: { name: "United Kingdom 1 GB", description: "7 days, 4G/5G" },
        },
        quantity: 1,
      },
    ],
    client_reference_id: "ord_test_1",
    metadata: { order_id: "ord_test_1" },
    payment_intent_data: { metadata: { order_id: "ord_test_1" } },
    customer_email: "traveller@example.com",
    success_url: `${origin}/inbox?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${origin}/`,
    ...overrides,
  };
}

export async function controlPay(
  url: string,
  sessionId: string,
  body: Record<string, unknown>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}/_sandbox/stripe/checkout/sessions/${sessionId}/pay`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

export interface ControlEvent {
  id: string;
  type: string;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  attempts: { at: string; status: number | null; error?: string }[];
}

export async function controlEvents(url: string, type?: string): Promise<ControlEvent[]> {
  const res = await fetch(`${url}/_sandbox/stripe/events${type ? `?type=${encodeURIComponent(type)}` : ""}`);
  return ((await res.json()) as { events: ControlEvent[] }).events;
}

export async function advanceClock(url: string, seconds: number): Promise<void> {
  const res = await fetch(`${url}/_sandbox/stripe/clock`, {
    method: "POST",
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  if (!res.ok) throw new Error(`clock: ${res.status}`);
}
