// The funding and provider settings in lib/env/: defaults that work in the sandbox, refusals that would
// otherwise surface as failed top-ups in production.
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("provider and funding configuration", () => {
  it("sandbox: both providers, issuing funding against the sandbox's top-up endpoint", () => {
    const e = parseEnv({ SANDBOX_URL: "http://127.0.0.1:4010" });
    expect(e.providers).toEqual(["esim-go", "zendit"]);
    expect(e.funding).toMatchObject({
      zendit: "issuing",
      bufferMinor: 2000,
      topupUrl: "http://127.0.0.1:4010/zendit/v1/wallet/topup",
      issuing: { webhookSecret: "whsec_tern_sandbox_issuing", cardholderName: "Tern Wallet" },
    });
    expect(e.funding.issuing.billingAddress.country).toMatch(/^[A-Z]{2}$/);
  });

  it("ESIM_PROVIDERS chooses; unknown names are refused; keys decide the default", () => {
    expect(parseEnv({ ESIM_PROVIDERS: "zendit" }).providers).toEqual(["zendit"]);
    expect(parseEnv({ ESIM_PROVIDERS: " Zendit , esim-go" }).providers).toEqual(["esim-go", "zendit"]);
    expect(() => parseEnv({ ESIM_PROVIDERS: "zendit,airalo" })).toThrow(/airalo/);
    expect(parseEnv({ ESIM_GO_API_KEY: "k" }).providers).toEqual(["esim-go"]);
  });

  it("PLAN_HOTSPOT states per provider whether its plans may share data; unnamed providers stay unsaid", () => {
    expect(parseEnv({}).hotspot).toEqual({});
    expect(parseEnv({ PLAN_HOTSPOT: " esim-go=Allowed, zendit = blocked " }).hotspot).toEqual({
      "esim-go": true,
      zendit: false,
    });
    expect(() => parseEnv({ PLAN_HOTSPOT: "airalo=allowed" })).toThrow(/PLAN_HOTSPOT: "airalo=allowed"/);
    expect(() => parseEnv({ PLAN_HOTSPOT: "esim-go=yes" })).toThrow(/allowed\|blocked/);
    expect(() => parseEnv({ PLAN_HOTSPOT: "esim-go" })).toThrow(/PLAN_HOTSPOT/);
  });

  it("live Zendit: manual unless a top-up endpoint exists; issuing without one is refused", () => {
    expect(parseEnv({ ZENDIT_API_KEY: "live" }).funding.zendit).toBe("manual");
    expect(() => parseEnv({ ZENDIT_API_KEY: "live", ZENDIT_FUNDING: "issuing" })).toThrow(/ZENDIT_TOPUP_URL/);
    expect(parseEnv({ ZENDIT_API_KEY: "live", ZENDIT_TOPUP_URL: "https://funding.example/topup" }).funding.zendit).toBe(
      "issuing",
    );
    // No public default secret once Zendit is live.
    expect(parseEnv({ ZENDIT_API_KEY: "live" }).zendit.webhookSecret).toBeUndefined();
  });

  it("live Stripe Issuing needs its webhook secret and a billing address; cardholder names are letters only", () => {
    const live = {
      STRIPE_SECRET_KEY: "sk_live_x",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
      ZENDIT_API_KEY: "live",
      ZENDIT_TOPUP_URL: "https://funding.example/topup",
      SESSION_SECRET: "s",
    };
    expect(() => parseEnv(live)).toThrow(/STRIPE_ISSUING_WEBHOOK_SECRET/);
    expect(() => parseEnv({ ...live, STRIPE_ISSUING_WEBHOOK_SECRET: "whsec_i" })).toThrow(/BILLING/);
    // Live Stripe alone (Zendit still in the sandbox) asks for nothing more.
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "sk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_x" })).not.toThrow();
    expect(() => parseEnv({ STRIPE_ISSUING_CARDHOLDER_NAME: "Tern 2 Wallet" })).toThrow();
    expect(() => parseEnv({ STRIPE_ISSUING_CARDHOLDER_NAME: "A name far longer than twenty four" })).toThrow();
  });
});
