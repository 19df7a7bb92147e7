// Shared by the reliability parts: talk to the app and the sandbox over HTTP only (black box), read the
// app's PostgreSQL for the final tally, and keep score of every response the app gave.
import Stripe from "stripe";
import postgres from "postgres";

export const WEBHOOK_SECRET = "whsec_tern_sandbox_secret";
export const SANDBOX_STRIPE_KEY = "sk_test_tern_reliability";
const signer = new Stripe("sk_test_signer").webhooks;

export interface Part {
  name: string;
  ok: boolean;
  figures: Record<string, number | string>;
  failures: string[];
}

/** Every answer the app gave, by status class; a 5xx or a hung request is always a failure. */
export class Tally {
  statuses = new Map<number, number>();
  noAnswer = 0;
  /** Oversized uploads the server refused by closing the connection before the client had sent them. */
  closedEarly = 0;
  samples5xx: string[] = [];
  /** 5xx and no-answer counts by request label, for the report. */
  failuresByLabel = new Map<string, number>();

  record(label: string, status: number | null, body?: string) {
    if (status === null || status >= 500)
      this.failuresByLabel.set(
        `${label} ${status ?? "no answer"}`,
        (this.failuresByLabel.get(`${label} ${status ?? "no answer"}`) ?? 0) + 1,
      );
    if (status === null) {
      this.noAnswer++;
      if (this.samples5xx.length < 5) this.samples5xx.push(`${label} → no answer`);
      return;
    }
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (status >= 500 && this.samples5xx.length < 5)
      this.samples5xx.push(`${label} → ${status} ${(body ?? "").slice(0, 160)}`);
  }

  count(pred: (status: number) => boolean): number {
    let n = 0;
    for (const [s, c] of this.statuses) if (pred(s)) n += c;
    return n;
  }

  get fiveXx() {
    return this.count((s) => s >= 500);
  }

  /** The request kinds that failed, most frequent first. */
  failureKinds(limit = 30): string {
    return [...this.failuresByLabel.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([l, c]) => `${l} ×${c}`)
      .join("\n      ");
  }

  summary(): string {
    return [...this.statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, c]) => `${s}×${c}`)
      .join(" ");
  }
}

export async function call(
  tally: Tally | null,
  label: string,
  url: string,
  init: RequestInit = {},
  timeoutMs = 60_000,
): Promise<{ status: number | null; text: string; headers: Headers | null }> {
  try {
    const res = await fetch(url, { redirect: "manual", ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    tally?.record(label, res.status, text);
    return { status: res.status, text, headers: res.headers };
  } catch (err) {
    // A capped route answers 413 and closes while a multi-megabyte upload is still being sent, so the client may
    // see the socket close instead of the answer: a refusal, not a hang (a hang ends in the timeout).
    const oversized = typeof init.body === "string" && init.body.length > 1_000_000;
    if (oversized && (err as Error).name !== "TimeoutError" && tally) tally.closedEarly++;
    else {
      // Say how it ended — a timeout is a hang, a reset or refused connection is something else to look at.
      const e = err as Error & { cause?: { code?: string } };
      tally?.record(
        `${label} (${e.name === "TimeoutError" ? `no answer in ${timeoutMs} ms` : (e.cause?.code ?? e.message)})`,
        null,
      );
    }
    return { status: null, text: "", headers: null };
  }
}

export function sandboxControl(sandboxUrl: string) {
  return async <T = unknown>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sandboxUrl}/_sandbox${route}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${route} → ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** The sandbox's Stripe API, as the app's SDK sees it. */
export function sandboxStripe(sandboxUrl: string): Stripe {
  const u = new URL(sandboxUrl);
  return new Stripe(SANDBOX_STRIPE_KEY, { host: u.hostname, port: Number(u.port), protocol: "http" });
}

/** Runs `fn` over `items` with at most `limit` in flight (Infinity: all at once). */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Math.min(limit, items.length);
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface CheckoutResult {
  email: string;
  status: number | null;
  orderId?: string;
  sessionId?: string;
}

/** A distinct client address per buyer, as the one trusted proxy in front of the shop reports it. */
export function buyerAddress(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

/** `POST /api/checkout` as the shop's JSON client does, from `clientIp` behind one proxy (TRUSTED_PROXY_HOPS=1). */
export async function checkout(
  tally: Tally,
  appUrl: string,
  bundle: string,
  email: string,
  clientIp?: string,
): Promise<CheckoutResult> {
  const res = await call(tally, "POST /api/checkout", `${appUrl}/api/checkout`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(clientIp ? { "x-forwarded-for": clientIp } : {}) },
    body: JSON.stringify({ bundle, email }),
  });
  if (res.status !== 200 && res.status !== 201) return { email, status: res.status };
  const body = JSON.parse(res.text) as { orderId: string; checkoutUrl: string };
  return {
    email,
    status: res.status,
    orderId: body.orderId,
    sessionId: new URL(body.checkoutUrl).pathname.split("/").pop()!,
  };
}

export type SandboxEvent = Stripe.Event & { attempts?: unknown };

/** Events whose object is one of `sessionIds` (sessions, and anything pointing back at them). */
export async function eventsFor(sandboxUrl: string, sessionIds: Set<string>): Promise<SandboxEvent[]> {
  const { events } = await sandboxControl(sandboxUrl)<{ events: SandboxEvent[] }>("GET", "/stripe/events");
  return events.filter((e) => sessionIds.has((e.data.object as { id?: string }).id ?? ""));
}

/** Delivers one event to an instance, signed as Stripe would (the same bytes every time). */
export async function deliverEvent(tally: Tally, appUrl: string, event: SandboxEvent): Promise<number | null> {
  const { attempts: _attempts, ...clean } = event;
  const payload = JSON.stringify(clean, null, 2);
  const res = await call(tally, `webhook ${event.type}`, `${appUrl}/api/webhooks/stripe`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "stripe-signature": signer.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }),
    },
    body: payload,
  });
  return res.status;
}

/** The suite's own reads, named so that counts of the app's connections can leave them out. */
export function database(url: string) {
  return postgres(url, { max: 4, onnotice: () => {}, connection: { application_name: "tern-reliability" } });
}
export type Sql = ReturnType<typeof database>;

export async function pickBundles(sql: Sql, count: number, provider = "esim-go"): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select name from bundles where active and provider = ${provider} and scope = 'country'
    order by price_minor limit ${count}`;
  if (rows.length === 0) throw new Error("the app has no active bundles (catalogue not loaded?)");
  return rows.map((r) => r.name);
}

export interface Ledger {
  providerOrders: { orderReference: string }[];
  emailsTo: Map<string, { subject: string }[]>;
  refunds: { payment_intent: string | null; amount: number }[];
}

/** What the sandbox saw; `provider` picks whose purchases count (Zendit's by transaction id, failed ones not). */
export async function ledgers(sandboxUrl: string, provider: "esim-go" | "zendit" = "esim-go"): Promise<Ledger> {
  const control = sandboxControl(sandboxUrl);
  const purchases =
    provider === "esim-go"
      ? control<{ orders: { orderReference: string }[] }>("GET", "/esim-go/orders")
      : control<{ transactionId: string; status: string }[]>("GET", "/zendit/purchases").then((list) => ({
          orders: list.filter((p) => p.status !== "FAILED").map((p) => ({ orderReference: p.transactionId })),
        }));
  const [{ orders }, emails, { refunds }] = await Promise.all([
    purchases,
    control<{ to: string[]; subject: string }[]>("GET", "/emails"),
    control<{ refunds: { payment_intent: string | null; amount: number }[] }>("GET", "/stripe/refunds"),
  ]);
  const emailsTo = new Map<string, { subject: string }[]>();
  for (const e of emails)
    for (const to of e.to) emailsTo.set(to.toLowerCase(), [...(emailsTo.get(to.toLowerCase()) ?? []), e]);
  return { providerOrders: orders, emailsTo, refunds };
}

export async function orderStatuses(sql: Sql, orderIds: string[]): Promise<Map<string, number>> {
  const rows = await sql<{ status: string; n: string }[]>`
    select status, count(*)::text as n from orders where id = any(${orderIds}) group by status`;
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** Polls until `done()` or the horizon passes; returns the elapsed milliseconds. */
export async function until(done: () => Promise<boolean>, horizonMs: number, everyMs = 500): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < horizonMs) {
    if (await done()) return Date.now() - started;
    await sleep(everyMs);
  }
  return Date.now() - started;
}

export function expect(part: Part, ok: boolean, message: string) {
  if (!ok) {
    part.ok = false;
    part.failures.push(message);
  }
}

export function printPart(part: Part) {
  const figures = Object.entries(part.figures)
    .map(([k, v]) => `${k}=${v}`)
    .join("  ");
  console.log(`\n[reliability] ${part.ok ? "PASS" : "FAIL"} ${part.name}\n  ${figures}`);
  for (const f of part.failures) console.log(`  ✗ ${f}`);
}
