// Black-box: the production build (`next start`) and a private sandbox, over plain HTTP as a client sees
// them. Needs `next build` first; skipped without a build. Uses PostgreSQL (TEST_DATABASE_URL) so the
// access log can be read while the server runs.
import { describe, expect, it } from "vitest";
import { stackPrerequisites, useStack } from "@/test/stack";

const { ready, pgUrl } = stackPrerequisites();

describe.runIf(ready)("the front door, against the production build", () => {
  const s = useStack(pgUrl!, "front");
  const { app, control } = s;
  const checkout = (email: string, cookie?: string) =>
    app("/api/checkout", {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ bundle: s.bundle, email }),
    });
  const cookieOf = (res: Response) => /tern_checkout=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];

  it("a stranger replaying the victim's email and bundle gets neither the victim's session nor an oracle", async () => {
    const email = `victim-${Date.now()}@example.com`;
    const victim = await checkout(email);
    const victimCookie = cookieOf(victim)!;
    const victimBody = (await victim.json()) as { orderId: string; checkoutUrl: string };
    const stranger = await checkout(email);
    const strangerBody = (await stranger.json()) as { orderId: string; checkoutUrl: string };
    expect([victim.status, stranger.status]).toEqual([201, 201]);
    expect(strangerBody.checkoutUrl).not.toBe(victimBody.checkoutUrl);
    // The victim's own browser gets its open session back.
    const again = await checkout(email, victimCookie);
    expect(again.status).toBe(201);
    expect(((await again.json()) as { checkoutUrl: string }).checkoutUrl).toBe(victimBody.checkoutUrl);
  });

  it("with only the session id, the success page and the status API show progress, never the eSIM; the buyer's browser sees it, logged", async () => {
    const email = `buyer-${Date.now()}@example.com`;
    const res = await checkout(email);
    const cookie = cookieOf(res)!;
    const { orderId, checkoutUrl } = (await res.json()) as { orderId: string; checkoutUrl: string };
    const sessionId = new URL(checkoutUrl).pathname.split("/").pop()!;
    await control("POST", `/stripe/checkout/sessions/${sessionId}/pay`, { card: "4242424242424242", email });
    const success = `/checkout/success?session_id=${sessionId}`;
    for (let i = 0; i < 100; i++) {
      const s = (await (await app(`/api/orders/${orderId}/status?session_id=${sessionId}`)).json()) as {
        progress: string;
      };
      if (s.progress === "ready") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const status = await (await app(`/api/orders/${orderId}/status?session_id=${sessionId}`)).text();
    expect(status).toContain('"progress":"ready"');
    expect(status).not.toMatch(/LPA|matchingId|iccid/);

    const strangerPage = await (await app(success)).text();
    expect(strangerPage).toContain('data-progress="ready"');
    expect(strangerPage).not.toContain("LPA:1$");
    const views = async () =>
      (await s.sql`select viewer_role from activation_views`).map((r) => r.viewer_role as string);
    expect(await views()).toEqual([]);

    const buyerPage = await (await app(success, { headers: { cookie } })).text();
    expect(buyerPage).toContain("LPA:1$");
    expect(await views()).toEqual(["checkout"]);
  });

  it("a client-sent X-Forwarded-For does not dodge the per-address limit, and refusals answer 429 with Retry-After", async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 31; i++) {
      last = await app("/api/auth/callback", {
        method: "POST",
        headers: {
          origin: s.stack.appUrl,
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": `10.9.${i}.${i}`,
        },
        body: "token=not-a-real-token",
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 303)).toBe(true);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("GET on the emailed link signs nobody in; cross-origin sign-in and sign-out posts are refused", async () => {
    const get = await app("/api/auth/callback?token=abc");
    expect(get.status).toBe(303);
    expect(get.headers.get("location")).toBe(`${s.stack.appUrl}/sign-in/confirm?token=abc`);
    expect(get.headers.get("set-cookie")).toBeNull();
    for (const path of ["/api/auth/callback", "/api/auth/sign-out"]) {
      const res = await app(path, {
        method: "POST",
        headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
        body: "token=x",
      });
      expect(res.status, path).toBe(403);
    }
  });

  it("malformed ids are 404 and oversized bodies 413 (streamed, webhooks included), never 5xx", async () => {
    for (const path of [
      "/api/orders/%00/status",
      `/api/orders/${"x".repeat(3000)}/status`,
      "/api/orders/ord_%FF/status",
    ])
      expect((await app(path)).status, path).toBe(404);
    expect((await app("/orders/%00?t=x")).status).toBe(404);
    expect((await app("/checkout/success?session_id=%00")).status).toBe(404);
    const big = "x".repeat(300 * 1024);
    for (const path of ["/api/webhooks/stripe", "/api/webhooks/esim-go", "/api/checkout"]) {
      const res = await app(path, { method: "POST", headers: { "content-type": "application/json" }, body: big });
      expect(res.status, path).toBe(413);
    }
    // No Content-Length: a chunked body is cut off as it streams.
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 40; i++) c.enqueue(new Uint8Array(16 * 1024).fill(120));
        c.close();
      },
    });
    const chunked = await app("/api/webhooks/stripe", { method: "POST", body: chunks, duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);
    for (const body of ["{", "\u0000", "[]", '{"bundle":{"$gt":""}}'])
      expect(
        (await app("/api/checkout", { method: "POST", headers: { "content-type": "application/json" }, body })).status,
      ).toBeLessThan(500);
  });

  it("every response carries the security headers; secret-bearing pages get a fresh nonce, catalogue pages stay cached", async () => {
    for (const path of ["/", "/destinations/japan", "/api/health", "/account", "/sign-in", "/_next/static/nope.js"]) {
      const res = await app(path);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("permissions-policy"), path).toContain("camera=()");
      expect(res.headers.get("strict-transport-security"), path).toContain("max-age=");
      if (!path.startsWith("/_next"))
        expect(res.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
    }
    const page = async (path: string) => {
      const res = await app(path);
      return { csp: res.headers.get("content-security-policy")!, html: await res.text(), res };
    };
    const [a, b] = [await page("/sign-in"), await page("/sign-in")];
    const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonceOf(a.csp)).toBeTruthy();
    expect(nonceOf(a.csp)).not.toBe(nonceOf(b.csp));
    expect(a.csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // Every script tag on the page carries this response's nonce.
    const scripts = a.html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonceOf(a.csp)}"`);
    expect(a.res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect((await app("/orders/ord_abc?t=x")).headers.get("referrer-policy")).toBe("no-referrer");
    expect((await app("/sign-in/confirm?token=x")).headers.get("referrer-policy")).toBe("no-referrer");

    // The catalogue page is still served from the prerender cache, without a nonce.
    await app("/destinations/japan");
    const cached = await page("/destinations/japan");
    expect(cached.res.headers.get("x-nextjs-cache")).toMatch(/HIT|STALE/);
    expect(nonceOf(cached.csp)).toBeUndefined();
  });
});
