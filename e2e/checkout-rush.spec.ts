// Issue 15.5, black-box against the production build and the sandbox's defaults (eSIM Go's 10 requests/s
// limit on): 200 buyers press Buy at once over a handful of bundles while ten paid orders are being bought.
// Nobody gets a 5xx, and eSIM Go's request log shows no 429 at all — not for the purchases, not for the
// validations — and never more than its limit in a second.
import { expect, test } from "@playwright/test";
import { startStack, type Stack } from "../scripts/lib/processes";
import { checkout, control, sessionIdOf, throwawayDatabase, type InboxEmail } from "./support/stack";

const BUNDLES = [
  "esim_1GB_7D_GB_V2",
  "esim_3GB_30D_GB_V2",
  "esim_1GB_7D_FR_V2",
  "esim_1GB_7D_JP_V2",
  "esim_2GB_15D_JP_V2",
];
const RUSH = 200;
const PAID = 10;

interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  status: number;
  kind?: string;
}

function maxInAnySecond(times: number[]): number {
  let max = 0;
  for (const t of times) max = Math.max(max, times.filter((u) => u >= t && u < t + 1000).length);
  return max;
}

test("200 simultaneous checkouts over five bundles get no 5xx and stay within eSIM Go's rate limit", async () => {
  test.setTimeout(300_000);
  const db = await throwawayDatabase();
  let stack: Stack | undefined;
  try {
    // Buyers arrive through one proxy with their own addresses, as on a real host; the per-IP limit holds per buyer.
    stack = await startStack({
      databaseUrl: db.url,
      quiet: process.env.E2E_VERBOSE !== "1",
      appEnv: { TRUSTED_PROXY_HOPS: "1" },
    });
    const sandbox = control(stack.sandboxUrl);
    expect((await sandbox<{ esimGo: { rateLimit: boolean } }>("GET", "/config")).esimGo.rateLimit).toBe(true);
    const run = Date.now().toString(36);

    // Ten orders to pay during the rush, so purchases compete with the validations for the budget.
    const buyers = Array.from({ length: PAID }, (_, i) => `paid-${run}-${i}@example.com`);
    const toPay = [];
    for (const [i, email] of buyers.entries())
      toPay.push(await checkout(stack.appUrl, BUNDLES[i % BUNDLES.length]!, email, `203.0.113.${i + 1}`));
    expect(toPay.map((r) => r.status)).toEqual(Array(PAID).fill(201));
    // A fresh cache and request log: the rush starts from cold (the cache lives 45 s).
    await new Promise((r) => setTimeout(r, 46_000));
    await sandbox("DELETE", "/requests");

    const rush = Promise.all(
      Array.from({ length: RUSH }, (_, i) =>
        checkout(
          stack!.appUrl,
          BUNDLES[i % BUNDLES.length]!,
          `rush-${run}-${i}@example.com`,
          `10.${Math.floor(i / 250)}.${i % 250}.1`,
        ),
      ),
    );
    await Promise.all(
      toPay.map((r, i) =>
        sandbox("POST", `/stripe/checkout/sessions/${sessionIdOf(r.body.checkoutUrl!)}/pay`, {
          card: "4242424242424242",
          email: buyers[i],
        }),
      ),
    );
    const answers = await rush;
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(RUSH);

    // The paid ones are bought and delivered meanwhile.
    const deadline = Date.now() + 120_000;
    const delivered = async () =>
      (await sandbox<InboxEmail[]>("GET", "/emails"))
        .filter((m) => /your esim is ready/i.test(m.subject))
        .flatMap((m) => m.to)
        .filter((to) => buyers.includes(to));
    while ((await delivered()).length < PAID && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
    expect(new Set(await delivered()).size).toBe(PAID);

    const log = (await sandbox<{ requests: LoggedRequest[] }>("GET", "/requests?service=esim-go")).requests;
    const purchases = log.filter((r) => r.method === "POST" && r.path === "/orders" && r.kind === "transaction");
    const validations = log.filter((r) => r.method === "POST" && r.path === "/orders" && r.kind === "validate");
    expect(purchases.length).toBeGreaterThanOrEqual(PAID);
    expect(purchases.filter((r) => r.status === 429)).toEqual([]);
    expect(validations.filter((r) => r.status === 429)).toEqual([]);
    expect(log.filter((r) => r.status === 429)).toEqual([]);
    // Coalesced: a handful of validations, not one per buyer.
    expect(validations.length).toBeLessThanOrEqual(BUNDLES.length * 2);
    expect(maxInAnySecond(log.map((r) => Date.parse(r.at)))).toBeLessThanOrEqual(10);
  } finally {
    await stack?.stop();
    await db.drop();
  }
});
