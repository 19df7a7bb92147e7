import { hkdfSync } from "node:crypto";
import type { RawEnv } from "./schema";

export const SANDBOX = {
  stripeKey: "sk_test_tern_sandbox",
  stripeWebhookSecret: "whsec_tern_sandbox_secret",
  stripeIssuingSecret: "whsec_tern_sandbox_issuing",
  esimGoKey: "sandbox-esim-go-key",
  zenditKey: "zendit_sandbox_key",
  zenditWebhookSecret: "zendit-sandbox-secret",
  supabaseKey: "sandbox-service-role-key",
  resendKey: "re_tern_sandbox",
  devSecret: "tern-development-secret-not-for-production",
} as const;

/** A live shop never derives the stock key: a leaked SESSION_SECRET must not open activation codes. */
export function stockKey(value: string | undefined, live: boolean, sessionSecret: string): Buffer | null {
  if (value) {
    const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
    if (key.length !== 32)
      throw new Error("STOCK_ENCRYPTION_KEY must be 32 bytes, base64 or hex (openssl rand -base64 32).");
    return key;
  }
  if (live) return null;
  return Buffer.from(hkdfSync("sha256", sessionSecret, "tern", "stock-activation-codes", 32));
}

const PROVIDERS = ["esim-go", "zendit"] as const;

export function enabledProviders(list: string | undefined, live: Record<(typeof PROVIDERS)[number], boolean>) {
  if (!list) {
    const withKeys = PROVIDERS.filter((p) => live[p]);
    return withKeys.length ? withKeys : [...PROVIDERS];
  }
  const names = list.split(",").map((p) => p.trim().toLowerCase());
  const unknown = names.filter((n) => !(PROVIDERS as readonly string[]).includes(n));
  if (unknown.length || names.length === 0)
    throw new Error(`ESIM_PROVIDERS: unknown provider(s) ${unknown.join(", ")}; use ${PROVIDERS.join(", ")}`);
  return PROVIDERS.filter((p) => names.includes(p));
}

// Neither provider's API says whether a plan may share its data as a hotspot: the operator states it from each
// provider's terms ("esim-go=allowed,zendit=blocked"); a provider not named is not described.
export function hotspotPolicy(list: string | undefined): Record<string, boolean> {
  const policy: Record<string, boolean> = {};
  const items = (list ?? "").split(",").map((i) => i.trim());
  for (const item of items.filter(Boolean)) {
    const [name, value] = item.split("=").map((p) => p.trim().toLowerCase());
    const provider = PROVIDERS.find((p) => p === name);
    if (!provider || (value !== "allowed" && value !== "blocked"))
      throw new Error(
        `PLAN_HOTSPOT: "${item}" is not <provider>=allowed|blocked (providers: ${PROVIDERS.join(", ")}), e.g. esim-go=allowed`,
      );
    policy[provider] = value === "allowed";
  }
  return policy;
}

export function fundingConfig(raw: RawEnv, ctx: { sandbox: string; stripeLive: boolean; zenditLive: boolean }) {
  // Zendit publishes no top-up API: live issuing funding needs an endpoint someone provides.
  const topupUrl = raw.ZENDIT_TOPUP_URL ?? (ctx.zenditLive ? undefined : `${ctx.sandbox}/zendit/v1/wallet/topup`);
  const address = {
    line1: raw.STRIPE_ISSUING_BILLING_LINE1,
    city: raw.STRIPE_ISSUING_BILLING_CITY,
    state: raw.STRIPE_ISSUING_BILLING_STATE,
    postal_code: raw.STRIPE_ISSUING_BILLING_POSTAL_CODE,
    country: raw.STRIPE_ISSUING_BILLING_COUNTRY?.toUpperCase(),
  };
  const zenditFunding = raw.ZENDIT_FUNDING ?? (topupUrl ? "issuing" : "manual");
  if (zenditFunding === "issuing" && !topupUrl)
    throw new Error(
      "ZENDIT_FUNDING=issuing needs ZENDIT_TOPUP_URL with a live Zendit key (Zendit has no top-up API); or set ZENDIT_FUNDING=manual.",
    );
  const sandboxAddress = {
    line1: "1 Sandbox Street",
    city: "Dublin",
    state: undefined,
    postal_code: "D02",
    country: "IE",
  };
  if (ctx.stripeLive && ctx.zenditLive && zenditFunding === "issuing") {
    if (!raw.STRIPE_ISSUING_WEBHOOK_SECRET)
      throw new Error("STRIPE_ISSUING_WEBHOOK_SECRET is required for ZENDIT_FUNDING=issuing with live Stripe.");
    if (!address.line1 || !address.city || !address.postal_code || !address.country)
      throw new Error("STRIPE_ISSUING_BILLING_LINE1, _CITY, _POSTAL_CODE and _COUNTRY are required for Issuing.");
  }
  return {
    zendit: zenditFunding,
    bufferMinor: raw.ZENDIT_WALLET_BUFFER_MINOR,
    topupUrl,
    issuing: {
      webhookSecret: raw.STRIPE_ISSUING_WEBHOOK_SECRET ?? (ctx.stripeLive ? undefined : SANDBOX.stripeIssuingSecret),
      cardholderName: raw.STRIPE_ISSUING_CARDHOLDER_NAME.trim(),
      billingAddress: ctx.stripeLive || address.line1 ? address : sandboxAddress,
    },
  };
}

const ECB_DAILY_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml";

export function currencyConfig(raw: RawEnv, ctx: { sandbox: string; stripeLive: boolean }) {
  const listed = (raw.SHOP_CURRENCIES ?? "")
    .split(",")
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return {
    base: raw.PRICING_CURRENCY,
    currencies: [...new Set([raw.PRICING_CURRENCY, ...listed])],
    listed,
    ratesUrl:
      raw.CURRENCY_RATES_URL ??
      (ctx.stripeLive ? ECB_DAILY_URL : `${ctx.sandbox}/ecb/stats/eurofxref/eurofxref-daily.xml`),
    maxAgeDays: raw.CURRENCY_MAX_RATE_AGE_DAYS,
    bufferPercent: Number(raw.CURRENCY_BUFFER_PERCENT ?? "2"),
    charm: raw.PRICING_CHARM,
  };
}
