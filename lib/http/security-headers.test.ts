import { describe, expect, it } from "vitest";
import { clerkFrontendApi, contentSecurityPolicy, referrerPolicy, usesNonce } from "./security-headers";

const ctx = { dev: false, appUrl: "https://shop.example", checkoutOrigin: "https://checkout.stripe.com" };
const scriptSrc = (csp: string) => csp.split("; ").find((d) => d.startsWith("script-src "))!;

describe("security headers", () => {
  it("pages that show secrets allow no inline script without this request's nonce", () => {
    for (const path of ["/checkout/success", "/orders/ord_abc", "/account", "/account/esims/89", "/sign-in/confirm"])
      expect(usesNonce(path), path).toBe(true);
    const csp = contentSecurityPolicy("/orders/ord_abc", ctx, "n0nce");
    expect(scriptSrc(csp)).toBe("script-src 'self' 'nonce-n0nce' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("cached catalogue pages get no nonce (it would make them dynamic), and the rest of the policy is as strict", () => {
    for (const path of ["/", "/destinations/japan", "/bundles/esim_1GB_7D_JP_V2", "/orders/lost"])
      expect(usesNonce(path), path).toBe(false);
    const csp = contentSecurityPolicy("/destinations/japan", ctx);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // The Buy button's 303 to Stripe is checked against form-action.
    expect(csp).toContain("form-action 'self' https://shop.example https://checkout.stripe.com");
    expect(csp).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("/", { ...ctx, appUrl: "http://127.0.0.1:3000" })).not.toContain("upgrade-insecure");
  });

  it("JSON routes forbid everything", () => {
    expect(contentSecurityPolicy("/api/orders/x/status", ctx)).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it("sends no Referer from URLs that carry a credential", () => {
    for (const path of ["/orders/ord_abc", "/checkout/success", "/sign-in/confirm", "/api/auth/callback"])
      expect(referrerPolicy(path), path).toBe("no-referrer");
    expect(referrerPolicy("/destinations/japan")).toBe("strict-origin-when-cross-origin");
  });

  it("treats the same pages in German and Spanish alike (the links in those customers' emails)", () => {
    for (const path of ["/de/orders/ord_abc", "/es/orders/ord_abc/receipt", "/de/checkout/success"]) {
      expect(referrerPolicy(path), path).toBe("no-referrer");
      expect(usesNonce(path), path).toBe(true);
    }
    for (const path of ["/de/destinations/japan", "/xx/orders/ord_abc", "/de"]) {
      expect(referrerPolicy(path), path).toBe("strict-origin-when-cross-origin");
      expect(usesNonce(path), path).toBe(false);
    }
  });
});

describe("with Clerk", () => {
  // A fabricated publishable key, built the way Clerk builds them: base64 of the Frontend API host and a "$".
  const host = "clerk.fabricated-shop.example";
  const pk = `pk_live_${Buffer.from(`${host}$`).toString("base64")}`;
  const devHost = "wise-owl-12.clerk.accounts.dev";
  const pkTest = `pk_test_${Buffer.from(`${devHost}$`).toString("base64")}`;
  const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `)) ?? "";

  it("derives the Frontend API origin from the publishable key, and nothing from a malformed one", () => {
    expect(clerkFrontendApi(pk)).toBe(`https://${host}`);
    expect(clerkFrontendApi(pkTest)).toBe(`https://${devHost}`);
    for (const bad of [
      undefined,
      "",
      "pk_live_",
      `sk_live_${Buffer.from(`${host}$`).toString("base64")}`,
      `pk_live_${Buffer.from(host).toString("base64")}`, // no "$"
      `pk_live_${Buffer.from("evil.example/x; script-src *$").toString("base64")}`,
      `pk_live_${Buffer.from("evil.example 'unsafe-eval'$").toString("base64")}`,
    ])
      expect(clerkFrontendApi(bad), String(bad)).toBeNull();
  });

  it("lets Clerk's script, API, images, bot protection and workers in on every page, nonce pages keeping their nonce", () => {
    const clerk = { ...ctx, clerkFrontendApi: clerkFrontendApi(pk) };
    for (const [path, nonce] of [
      ["/sign-in", "n0nce"],
      ["/account", "n0nce"],
      ["/destinations/japan", undefined],
    ] as const) {
      const csp = contentSecurityPolicy(path, clerk, nonce);
      expect(directive(csp, "script-src"), path).toContain(`https://${host}`);
      expect(directive(csp, "script-src"), path).toContain("https://challenges.cloudflare.com");
      expect(directive(csp, "connect-src"), path).toContain(`https://${host}`);
      expect(directive(csp, "img-src"), path).toContain("https://img.clerk.com");
      expect(directive(csp, "frame-src"), path).toContain("https://challenges.cloudflare.com");
      expect(directive(csp, "worker-src"), path).toBe("worker-src 'self' blob:");
      expect(directive(csp, "style-src"), path).toContain("'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
      if (nonce) {
        expect(directive(csp, "script-src")).toContain(`'nonce-${nonce}' 'strict-dynamic'`);
        expect(directive(csp, "script-src")).not.toContain("unsafe-inline");
      }
    }
  });

  it("adds none of Clerk's hosts without Clerk", () => {
    const csp = contentSecurityPolicy("/sign-in", ctx, "n0nce");
    expect(csp).not.toMatch(/clerk|cloudflare|worker-src/);
  });

  it("applies the same rules to the German and Spanish URLs of a page", () => {
    for (const path of ["/de/orders/ord_abc", "/es/checkout/success", "/de/account/esims/89", "/es/sign-in"])
      expect(usesNonce(path), path).toBe(true);
    for (const path of ["/de", "/es/destinations/japan", "/de/orders/lost", "/deals/orders/ord_abc"])
      expect(usesNonce(path), path).toBe(false);
    for (const path of ["/de/orders/ord_abc", "/es/checkout/success", "/de/sign-in/confirm"])
      expect(referrerPolicy(path), path).toBe("no-referrer");
    expect(referrerPolicy("/de/destinations/japan")).toBe("strict-origin-when-cross-origin");
  });
});
