import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, referrerPolicy, usesNonce } from "./security-headers";

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
});
