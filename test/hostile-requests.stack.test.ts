// Black-box: what a hostile or hurried client can do to the production build (`next start`) on PostgreSQL, over
// plain HTTP: six refund clicks at once, a cross-site form aimed at the admin API, webhook bodies of 32 MB and
// sign-in links that try to send people elsewhere. Needs `next build` and TEST_DATABASE_URL; skipped without.
import fs from "node:fs";
import http from "node:http";
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { stackPrerequisites, useStack } from "@/test/stack";

const { ready, pgUrl } = stackPrerequisites();
const ADMIN = "ops@tern.example";
const MB = 1024 * 1024;

/** Resident memory of a process and everything it started, in bytes. */
function rssOfTree(pid: number): number {
  const read = (p: number): number => {
    let kb = 0;
    try {
      kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
        for (const child of children ? children.split(/\s+/) : []) kb += read(Number(child)) / 1024;
      }
    } catch {
      // the process is gone
    }
    return kb * 1024;
  };
  return read(pid);
}

describe.runIf(ready)("hostile requests, against the production build", () => {
  const s = useStack(pgUrl!, "hostile", { appEnv: { ADMIN_EMAILS: ADMIN } });
  const { app, control } = s;

  /** A session made the way a person makes one: an emailed link (written straight to the database) spent. */
  async function signIn(email: string, next = "/account") {
    const token = randomBytes(24).toString("base64url");
    const hash = createHash("sha256").update(token).digest("hex");
    await s.sql`insert into login_tokens (token_hash, email, next, expires_at)
      values (${hash}, ${email}, ${next}, now() + interval '10 minutes')`;
    const res = await app("/api/auth/callback", {
      method: "POST",
      headers: { origin: s.stack.appUrl, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }),
    });
    const cookie = /tern_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
    return { status: res.status, location: res.headers.get("location"), cookie };
  }
  const sessionOf = async (email: string) => {
    const { cookie, status } = await signIn(email);
    if (!cookie) throw new Error(`signing in ${email} failed: ${status}`);
    return cookie;
  };

  /** A paid order whose delivery email bounced: paid, bought, not delivered — parked for an admin. */
  async function parkedOrder(): Promise<{ orderId: string; paymentIntent: string }> {
    const email = `parked-${randomBytes(4).toString("hex")}@example.com`;
    // The fault below takes the next email the shop sends: wait until no other job (another test's refund
    // notice) is about to send one.
    await expect
      .poll(
        async () =>
          (
            await s.sql`select count(*)::int as n from jobs where status in ('queued', 'running') and run_at <= now()`
          )[0]!.n,
        { timeout: 30_000 },
      )
      .toBe(0);
    await control("POST", "/faults", { service: "resend", route: "POST /emails", status: 422, times: 1 });
    const res = await app("/api/checkout", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ bundle: s.bundle, email }),
    });
    expect(res.status).toBe(201);
    const { orderId, checkoutUrl } = (await res.json()) as { orderId: string; checkoutUrl: string };
    const sessionId = new URL(checkoutUrl).pathname.split("/").pop()!;
    await control("POST", `/stripe/checkout/sessions/${sessionId}/pay`, { card: "4242424242424242", email });
    await expect
      .poll(async () => (await s.sql`select status from orders where id = ${orderId}`)[0]?.status, { timeout: 30_000 })
      .toBe("needs_attention");
    const [row] = await s.sql`select stripe_payment_intent_id from orders where id = ${orderId}`;
    return { orderId, paymentIntent: row!.stripe_payment_intent_id as string };
  }
  const refundsOf = async (paymentIntent: string) =>
    (await control<{ refunds: { id: string; payment_intent: string }[] }>("GET", "/stripe/refunds")).refunds.filter(
      (r) => r.payment_intent === paymentIntent,
    );
  const auditOf = (orderId: string) =>
    s.sql`select action, outcome, actor_email from audit_log where target_id = ${orderId} order by id`;

  it("six refund clicks at once: one refund at Stripe, one 'Refunded', five 'Already refunded', one audit row", async () => {
    const { orderId, paymentIntent } = await parkedOrder();
    const cookie = await sessionOf(ADMIN);
    // Stripe answering in 150 ms, as from far away: later clicks land while the first waits for it.
    await control("POST", "/latency", { service: "stripe", ms: 150 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          app(`/api/admin/orders/${orderId}`, {
            method: "POST",
            headers: { cookie, origin: s.stack.appUrl, "content-type": "application/json" },
            body: JSON.stringify({ action: "refund", confirmation: orderId }),
          }).then(async (r) => ({ status: r.status, ...((await r.json()) as { outcome: string; message: string }) })),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const applied = answers.filter((a) => a.outcome === "applied");
      expect(applied, JSON.stringify(answers)).toHaveLength(1);
      expect(applied[0]!.message).toMatch(/^Refunded /);
      expect(answers.filter((a) => a.outcome !== "applied").map((a) => a.message)).toEqual(
        Array(5).fill("Already refunded."),
      );
    } finally {
      await control("POST", "/latency", { service: "stripe", ms: 0 });
    }
    const refunds = await refundsOf(paymentIntent);
    expect(refunds).toHaveLength(1);
    const [order] = await s.sql`select status, refund_id from orders where id = ${orderId}`;
    expect(order).toMatchObject({ refund_id: refunds[0]!.id });
    expect(await auditOf(orderId)).toEqual([{ action: "order.refund", outcome: "applied", actor_email: ADMIN }]);
    // The customer is told once, by the job the one applied click queued.
    await expect
      .poll(
        async () =>
          (await s.sql`select refund_email_sent_at from orders where id = ${orderId}`)[0]!.refund_email_sent_at,
        {
          timeout: 30_000,
        },
      )
      .not.toBeNull();
  });

  it("a cross-site text/plain form aimed at the admin API with the admin's cookie is refused and changes nothing", async () => {
    const { orderId, paymentIntent } = await parkedOrder();
    const cookie = await sessionOf(ADMIN);
    const sibling = new URL(s.stack.appUrl);
    sibling.port = String(Number(sibling.port) + 1);
    const body = JSON.stringify({ action: "refund", confirmation: orderId });
    for (const headers of [
      { origin: "https://evil.example" },
      // Another port of the same host: SameSite=Lax sends the cookie, the origin still differs.
      { origin: sibling.origin },
      { origin: "null", "sec-fetch-site": "cross-site" },
    ] as Record<string, string>[]) {
      const res = await app(`/api/admin/orders/${orderId}`, {
        method: "POST",
        headers: { cookie, "content-type": "text/plain", ...headers },
        body,
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await refundsOf(paymentIntent)).toEqual([]);
    expect((await s.sql`select status, refund_id from orders where id = ${orderId}`)[0]).toEqual({
      status: "needs_attention",
      refund_id: null,
    });
    expect(await auditOf(orderId)).toEqual([]);
  });

  /**
   * Streams `total` bytes to `path` as fast as the server takes them, and stops as soon as it answers: how many
   * bytes went out tells whether the server read the body before answering. Declared with Content-Length, or
   * chunked (nothing declared, so only a cap while reading can stop it).
   */
  function upload(
    path: string,
    headers: Record<string, string>,
    total: number,
    declared: boolean,
  ): Promise<{ status: number | null; sent: number }> {
    const target = new URL(path, s.stack.appUrl);
    return new Promise((resolve) => {
      let sent = 0;
      let status: number | null = null;
      let settled = false;
      const chunk = Buffer.alloc(64 * 1024, "x");
      const req = http.request(target, {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", ...headers, ...(declared ? { "content-length": total } : {}) },
      });
      const finish = () => {
        if (settled) return;
        settled = true;
        req.destroy();
        resolve({ status, sent });
      };
      let answered: () => void = () => {};
      req.on("response", (res) => {
        status = res.statusCode ?? null;
        answered();
        res.resume();
        res.on("end", finish);
      });
      // A server that answered and closed while we were still sending: what was answered stands.
      req.on("error", finish);
      req.on("close", finish);
      // A short pause after each chunk lets an early answer be read before the next write; writing flat out, a
      // write can meet the server's close (a reset) first and the answer is lost. 32 MB still go in seconds.
      const pause = () =>
        new Promise<void>((r) => {
          const t = setTimeout(r, 2);
          answered = () => (clearTimeout(t), r());
        });
      void (async () => {
        while (status === null && !settled && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
          await pause();
        }
        if (status === null && !settled) req.end();
      })();
    });
  }

  it("32 MB webhook bodies are refused 413 as they stream, and the app's memory stays flat", async () => {
    const pid = s.stack.app.pid!;
    const before = rssOfTree(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOfTree(pid))), 50);
    const zendit = { "x-zendit-secret": "zendit-sandbox-secret" };
    try {
      for (const [path, headers] of [
        ["/api/webhooks/stripe-issuing", { "stripe-signature": "t=1,v1=00" }],
        ["/api/webhooks/zendit", zendit],
      ] as const)
        for (const declared of [true, false]) {
          const r = await upload(path, headers, 32 * MB, declared);
          expect(r.status, `${path} declared=${declared}`).toBe(413);
          // Answered long before the body was through: a server reading it whole would take all 32 MB first.
          expect(r.sent, `${path} declared=${declared}`).toBeLessThan(8 * MB);
        }
    } finally {
      clearInterval(sampler);
    }
    expect(peak - before, `rss ${Math.round(before / MB)} → peak ${Math.round(peak / MB)} MB`).toBeLessThan(32 * MB);
    // Still answering, and still reading bodies of a sane size.
    const small = await app("/api/webhooks/zendit", { method: "POST", headers: zendit, body: "{}" });
    expect(small.status).toBeLessThan(500);
  });

  it("a Zendit webhook with the wrong secret is refused 401 before its 32 MB body is read", async () => {
    for (const declared of [true, false]) {
      const r = await upload("/api/webhooks/zendit", { "x-zendit-secret": "guess" }, 32 * MB, declared);
      expect(r.status, `declared=${declared}`).toBe(401);
      expect(r.sent, `declared=${declared}`).toBeLessThan(8 * MB);
    }
  });

  // Each normalises (in the URL parser, or once percent-decoded) to a path starting "//", which a browser reads
  // as another host.
  const HOSTILE_NEXT = [
    "/.//evil.example",
    "/a/..//evil.example",
    "/%2e%2e//evil.example",
    "/%2F%2Fevil.example",
    "/\\evil.example",
    "/%5cevil.example",
  ];

  it("hostile sign-in destinations never leave the site, signed in or spending a link", async () => {
    const email = `traveller-${randomBytes(4).toString("hex")}@example.com`;
    const cookie = await sessionOf(email);
    const ours = (location: string | null) => new URL(location ?? "/", s.stack.appUrl).origin;
    for (const next of HOSTILE_NEXT) {
      // Already signed in: /sign-in sends the visitor straight on.
      const res = await app(`/sign-in?next=${encodeURIComponent(next)}`, { headers: { cookie } });
      const html = res.status === 200 ? await res.text() : "";
      expect([303, 307, 308, 200], next).toContain(res.status);
      expect(ours(res.headers.get("location")), next).toBe(new URL(s.stack.appUrl).origin);
      expect(html, next).not.toMatch(/evil\.example/);
      // A link whose stored destination is hostile (written straight to the database) lands on the site too.
      const spent = await signIn(email, next);
      expect(spent.status, next).toBe(303);
      expect(ours(spent.location), next).toBe(new URL(s.stack.appUrl).origin);
      expect(new URL(spent.location!, s.stack.appUrl).pathname, next).not.toMatch(/^\/\/|evil/);
    }
  });
});
