// Issue 15.4, black-box: forty orders paid, the server killed with SIGKILL 0.4 s later (the launcher then
// stops the sandbox), everything restarted with the same data: every paid order is delivered, none twice.
// The sandbox resumes the webhook retries it persisted, and the app's payment sweep replays what Stripe
// lists as undelivered — either alone would be enough.
import { expect, test } from "@playwright/test";
import { startStack, type Stack } from "../scripts/lib/processes";
import { checkout, control, sessionIdOf, throwawayDatabase, type EsimGoLedger, type InboxEmail } from "./support/stack";

const N = 40;
const BUNDLE = "esim_1GB_7D_GB_V2";

test("a server killed 0.4 s after forty payments delivers all forty after restart, none twice", async () => {
  test.setTimeout(420_000);
  const db = await throwawayDatabase();
  let stack: Stack | undefined;
  try {
    // Forty buyers through one proxy with their own addresses: the per-IP checkout limit holds per buyer.
    stack = await startStack({
      databaseUrl: db.url,
      quiet: process.env.E2E_VERBOSE !== "1",
      appEnv: { TRUSTED_PROXY_HOPS: "1" },
    });
    const sandbox = control(stack.sandboxUrl);
    const run = Date.now().toString(36);
    const emails = Array.from({ length: N }, (_, i) => `crash-${run}-${i}@example.com`);

    const started = await Promise.all(
      emails.map((email, i) => checkout(stack!.appUrl, BUNDLE, email, `198.51.100.${i + 1}`)),
    );
    expect(started.map((s) => s.status)).toEqual(Array(N).fill(201));

    // All forty pay at once; the app dies while their webhooks are arriving.
    const payments = Promise.all(
      started.map((s, i) =>
        sandbox("POST", `/stripe/checkout/sessions/${sessionIdOf(s.body.checkoutUrl!)}/pay`, {
          card: "4242424242424242",
          email: emails[i],
        }),
      ),
    );
    await new Promise((r) => setTimeout(r, 400));
    stack.app.kill("SIGKILL");
    await payments;
    await stack.restartAll();

    const deliveredTo = async () => {
      const inbox = await control(stack!.sandboxUrl)<InboxEmail[]>("GET", "/emails");
      return inbox.filter((m) => /your esim is ready/i.test(m.subject)).flatMap((m) => m.to);
    };
    const deadline = Date.now() + 240_000;
    while ((await deliveredTo()).filter((to) => emails.includes(to)).length < N && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 1000));

    const to = (await deliveredTo()).filter((t) => emails.includes(t));
    expect(new Set(to).size).toBe(N);
    // Let any straggling duplicate show itself before counting.
    await new Promise((r) => setTimeout(r, 5000));
    const ledger = await control(stack.sandboxUrl)<EsimGoLedger>("GET", "/esim-go/orders");
    expect(ledger.orders).toHaveLength(N);
    const again = (await deliveredTo()).filter((t) => emails.includes(t));
    expect(again).toHaveLength(N);
  } finally {
    await stack?.stop();
    await db.drop();
  }
});
