// The one validated configuration. Nothing else reads process.env.
//
// Each outside service is *live* when its keys are set and *sandbox* otherwise: in sandbox mode the same
// SDKs and clients are pointed at the local sandbox (SANDBOX_URL) with its well-known test keys. Only base
// URLs and keys differ between the two modes — business code never asks which one it is in.
import { hkdfSync } from "node:crypto";
import { z } from "zod";

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const truthy = (v: string) => ["1", "true", "yes", "on"].includes(v.toLowerCase());

const bool = (fallback: boolean) => optional.transform((v) => (v === undefined ? fallback : truthy(v)));

/** A boolean whose default depends on other settings (see bool for a fixed one). */
const flag = (v: string | undefined, fallback: boolean) => (v === undefined ? fallback : truthy(v));

const int = (fallback: number) =>
  optional.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n)) {
      ctx.addIssue({ code: "custom", message: `expected an integer, got "${v}"` });
      return z.NEVER;
    }
    return n;
  });

const emailList = optional.transform((v) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean),
);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.url().default("http://localhost:3000"),
  SANDBOX_URL: z.url().default("http://127.0.0.1:4010"),
  DATA_DIR: z.string().default(".data"),

  DATABASE_URL: optional,
  // Behind a transaction-mode pooler (Supabase's port 6543) migrations need a session: the direct URL.
  DATABASE_DIRECT_URL: optional,

  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,

  ESIM_GO_API_KEY: optional,
  ESIM_GO_BASE_URL: z.url().default("https://api.esim-go.com/v2.4"),

  ZENDIT_API_KEY: optional,
  ZENDIT_BASE_URL: z.url().default("https://api.zendit.io/v1"),
  ZENDIT_WEBHOOK_HEADER: z.string().default("x-zendit-secret"),
  ZENDIT_WEBHOOK_SECRET: optional,
  // Providers and Zendit wallet funding (lib/funding): Stripe Issuing virtual cards, or an admin by hand.
  ESIM_PROVIDERS: optional,
  ZENDIT_FUNDING: z.enum(["issuing", "manual"]).optional(),
  ZENDIT_WALLET_BUFFER_MINOR: int(2000),
  ZENDIT_TOPUP_URL: z
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  STRIPE_ISSUING_WEBHOOK_SECRET: optional,
  STRIPE_ISSUING_CARDHOLDER_NAME: z
    .string()
    .regex(/^[A-Za-z][A-Za-z ]{0,23}$/, "letters and spaces only, at most 24 (Stripe prints it on cards)")
    .default("Tern Wallet"),
  STRIPE_ISSUING_BILLING_LINE1: optional,
  STRIPE_ISSUING_BILLING_CITY: optional,
  STRIPE_ISSUING_BILLING_STATE: optional,
  STRIPE_ISSUING_BILLING_POSTAL_CODE: optional,
  STRIPE_ISSUING_BILLING_COUNTRY: optional,

  SUPABASE_URL: z
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SUPABASE_SERVICE_ROLE_KEY: optional,
  SUPABASE_QR_BUCKET: z.string().default("esim-qr"),

  RESEND_API_KEY: optional,
  EMAIL_FROM: z.string().default("Tern <orders@tern.example>"),

  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: optional,
  CLERK_SECRET_KEY: optional,

  ADMIN_EMAILS: emailList,
  // Admin area: the address that is an admin with no keys at all (every service sandboxed, no Clerk), so a
  // newcomer can open /admin after `npm run dev`; its sign-in link lands in the sandbox inbox.
  ADMIN_SANDBOX_EMAIL: z.email().default("admin@tern.test"),
  ADMIN_LOW_BALANCE_MINOR: int(5000),
  CRON_SECRET: optional,
  SESSION_SECRET: optional,
  // Managed stock (lib/stock): 32 bytes, base64 or hex, encrypting activation codes at rest.
  STOCK_ENCRYPTION_KEY: optional,
  STOCK_RESTOCK_INTERVAL_MINUTES: int(15),
  // Resellers (lib/partners/webhook-target): may webhook endpoints be plain http or private addresses?
  PARTNER_WEBHOOKS_ALLOW_PRIVATE: optional,

  // The shop's identity (lib/shop/identity.ts): printed on policies, receipts, emails and the footer.
  // Empty counts as unset (a copied .env.example), like every optional value here.
  SHOP_NAME: optional.transform((v) => v ?? "Tern"),
  SHOP_LEGAL_NAME: optional.transform((v) => v ?? "Tern Sandbox Ltd"),
  SHOP_ADDRESS: optional.transform((v) => v ?? "1 Sandbox Street, Dublin D02, Ireland"),
  SHOP_SUPPORT_EMAIL: optional.pipe(z.email().optional()).transform((v) => v ?? "support@tern.example"),
  SHOP_SUPPORT_PHONE: optional,
  SHOP_CHAT_URL: z
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SHOP_COMPANY_NUMBER: optional,
  SHOP_VAT_NUMBER: optional,
  SHOP_TAX_LINE: optional,
  SHOP_JURISDICTION: optional.transform((v) => v ?? "Ireland"),
  SHOP_POLICIES_DIR: optional,

  CATALOGUE_PROVIDER: z.enum(["esim-go"]).default("esim-go"),
  PRICING_MARKUP_PERCENT: int(45),
  PRICING_MIN_MARGIN_MINOR: int(150),
  PRICING_CURRENCY: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .default("USD")
    .transform((c) => c.toUpperCase()),
  PRICING_CHARM: bool(true),

  FULFILMENT_HORIZON_MINUTES: int(120),
  WORKER_INTERVAL_MS: int(2000),
  CATALOGUE_SYNC_INTERVAL_MINUTES: int(60),
  // Fulfilment: a parked order past this is refunded (nothing bought) or alerted again (eSIM exists).
  ATTENTION_REFUND_HOURS: int(24),

  // Front door (rate limits, client address).
  TRUSTED_PROXY_HOPS: int(0).pipe(z.number().int().min(0).max(10)),

  // Payment sweep (issue 15.4): paid sessions and Stripe events no webhook brought; eSIM Go's rate limit
  // as this process keeps to it (issue 15.5), requests per second, 0 for no client-side budget.
  PAYMENT_SWEEP_INTERVAL_SECONDS: int(60),
  PAYMENT_SWEEP_MIN_AGE_SECONDS: int(180),
  ESIM_GO_RATE_LIMIT: int(10),

  // Observability (lib/observability, /api/health/ready, /api/metrics) and the provider circuits.
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  METRICS_TOKEN: optional,
  READY_MAX_QUEUE_LAG_SECONDS: int(300),
  READY_MAX_UNDELIVERED_MINUTES: int(30),
  CIRCUIT_FAILURE_THRESHOLD: int(5),
  CIRCUIT_OPEN_MS: int(30_000),
});

export type ServiceMode = "live" | "sandbox";

/** Test keys the sandbox accepts; they are not secrets (the sandbox moves no money). */
const SANDBOX = {
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

export function parseEnv(source: Record<string, string | undefined> = process.env) {
  const raw = schema.parse(source);
  const sandbox = raw.SANDBOX_URL.replace(/\/$/, "");
  const sandboxUrl = new URL(sandbox);
  const mode = (live: boolean): ServiceMode => (live ? "live" : "sandbox");

  const stripeLive = Boolean(raw.STRIPE_SECRET_KEY);
  const esimGoLive = Boolean(raw.ESIM_GO_API_KEY);
  const zenditLive = Boolean(raw.ZENDIT_API_KEY);
  const supabaseLive = Boolean(raw.SUPABASE_URL && raw.SUPABASE_SERVICE_ROLE_KEY);
  const resendLive = Boolean(raw.RESEND_API_KEY);
  const clerkEnabled = Boolean(raw.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && raw.CLERK_SECRET_KEY);

  if (stripeLive && !raw.STRIPE_WEBHOOK_SECRET) {
    throw new Error(
      "STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set (Dashboard → Developers → Webhooks).",
    );
  }
  const production = raw.NODE_ENV === "production";
  const anyLive = stripeLive || esimGoLive || zenditLive || supabaseLive || resendLive;
  if (production && anyLive && !raw.SESSION_SECRET) {
    throw new Error(
      "SESSION_SECRET is required in production once any service is live (it signs order links and sessions).",
    );
  }

  // Parked orders and late provider purchases are raised by email: with real money moving, someone must hear.
  if (production && anyLive && raw.ADMIN_EMAILS.length === 0) {
    throw new Error("ADMIN_EMAILS is required in production once any service is live (it receives the admin alerts).");
  }

  // A shop taking real money must say who it is: the sandbox identity on a live receipt would be a lie.
  if (production && stripeLive) {
    const unset = (["SHOP_LEGAL_NAME", "SHOP_ADDRESS", "SHOP_SUPPORT_EMAIL"] as const).filter(
      (k) => !source[k]?.trim(),
    );
    if (unset.length)
      throw new Error(`${unset.join(", ")} required in production once Stripe is live (docs/shop-identity.md).`);
  }

  return {
    nodeEnv: raw.NODE_ENV,
    production,
    appUrl: raw.APP_URL.replace(/\/$/, ""),
    sandboxUrl: sandbox,
    dataDir: raw.DATA_DIR,
    databaseUrl: raw.DATABASE_URL,
    /** Where migrations run: the direct (session) connection when given, else DATABASE_URL. */
    databaseDirectUrl: raw.DATABASE_DIRECT_URL ?? raw.DATABASE_URL,
    adminEmails: raw.ADMIN_EMAILS,
    /** Everyone with admin rights: ADMIN_EMAILS, plus the sandbox admin while no service is live. */
    admins:
      anyLive || clerkEnabled
        ? raw.ADMIN_EMAILS
        : [...new Set([...raw.ADMIN_EMAILS, raw.ADMIN_SANDBOX_EMAIL.toLowerCase()])],
    /** The sandbox admin address, or null once any service is live. */
    sandboxAdminEmail: anyLive || clerkEnabled ? null : raw.ADMIN_SANDBOX_EMAIL.toLowerCase(),
    /** Below this wholesale balance (provider currency, minor units) the dashboard warns. */
    lowBalanceMinor: raw.ADMIN_LOW_BALANCE_MINOR,
    /** Cron endpoints refuse every call when no secret is configured in production. */
    cronSecret: raw.CRON_SECRET ?? (production ? undefined : SANDBOX.devSecret),
    sessionSecret: raw.SESSION_SECRET ?? SANDBOX.devSecret,

    stock: {
      /** Null in production once a service is live without STOCK_ENCRYPTION_KEY: stock then cannot be filled or
       *  sold (lib/stock/crypto). */
      encryptionKey: stockKey(raw.STOCK_ENCRYPTION_KEY, production && anyLive, raw.SESSION_SECRET ?? SANDBOX.devSecret),
      restockIntervalMinutes: raw.STOCK_RESTOCK_INTERVAL_MINUTES,
    },

    partnerWebhooks: {
      /** Like the derived stock key: allowed while no money moves (development, or every service sandboxed,
       *  as in the e2e stack whose receivers listen on 127.0.0.1 over http); a live shop refuses private and
       *  plain-http targets unless PARTNER_WEBHOOKS_ALLOW_PRIVATE says otherwise. */
      allowPrivate: flag(raw.PARTNER_WEBHOOKS_ALLOW_PRIVATE, !(production && anyLive)),
    },

    stripe: {
      mode: mode(stripeLive),
      secretKey: raw.STRIPE_SECRET_KEY ?? SANDBOX.stripeKey,
      webhookSecret: raw.STRIPE_WEBHOOK_SECRET ?? SANDBOX.stripeWebhookSecret,
      /** SDK host override; undefined means api.stripe.com. */
      host: stripeLive
        ? undefined
        : { host: sandboxUrl.hostname, port: Number(sandboxUrl.port || 80), protocol: "http" as const },
    },
    esimGo: {
      mode: mode(esimGoLive),
      apiKey: raw.ESIM_GO_API_KEY ?? SANDBOX.esimGoKey,
      baseUrl: (esimGoLive ? raw.ESIM_GO_BASE_URL : `${sandbox}/esim-go/v2.4`).replace(/\/$/, ""),
    },
    zendit: {
      mode: mode(zenditLive),
      apiKey: raw.ZENDIT_API_KEY ?? SANDBOX.zenditKey,
      baseUrl: (zenditLive ? raw.ZENDIT_BASE_URL : `${sandbox}/zendit/v1`).replace(/\/$/, ""),
      webhookHeader: raw.ZENDIT_WEBHOOK_HEADER.toLowerCase(),
      // Live without a configured secret: no webhook is accepted (the sandbox's value is public).
      webhookSecret: raw.ZENDIT_WEBHOOK_SECRET ?? (zenditLive ? undefined : SANDBOX.zenditWebhookSecret),
    },
    providers: enabledProviders(raw.ESIM_PROVIDERS, { "esim-go": esimGoLive, zendit: zenditLive }),
    funding: fundingConfig(raw, { sandbox, stripeLive, zenditLive }),
    supabase: {
      mode: mode(supabaseLive),
      url: (supabaseLive ? raw.SUPABASE_URL! : `${sandbox}/supabase`).replace(/\/$/, ""),
      serviceRoleKey: raw.SUPABASE_SERVICE_ROLE_KEY ?? SANDBOX.supabaseKey,
      qrBucket: raw.SUPABASE_QR_BUCKET,
    },
    resend: {
      mode: mode(resendLive),
      apiKey: raw.RESEND_API_KEY ?? SANDBOX.resendKey,
      baseUrl: resendLive ? "https://api.resend.com" : `${sandbox}/resend`,
      from: raw.EMAIL_FROM,
    },
    clerk: {
      enabled: clerkEnabled,
      publishableKey: raw.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
      secretKey: raw.CLERK_SECRET_KEY,
    },
    shop: {
      name: raw.SHOP_NAME,
      legalName: raw.SHOP_LEGAL_NAME,
      address: raw.SHOP_ADDRESS,
      supportEmail: raw.SHOP_SUPPORT_EMAIL.toLowerCase(),
      supportPhone: raw.SHOP_SUPPORT_PHONE,
      chatUrl: raw.SHOP_CHAT_URL,
      companyNumber: raw.SHOP_COMPANY_NUMBER,
      vatNumber: raw.SHOP_VAT_NUMBER,
      taxLine: raw.SHOP_TAX_LINE,
      jurisdiction: raw.SHOP_JURISDICTION,
      policiesDir: raw.SHOP_POLICIES_DIR,
    },
    catalogue: {
      provider: raw.CATALOGUE_PROVIDER,
      syncIntervalMinutes: raw.CATALOGUE_SYNC_INTERVAL_MINUTES,
    },
    currency: currencyConfig(source, { base: raw.PRICING_CURRENCY, charm: raw.PRICING_CHARM, sandbox, stripeLive }),
    pricing: {
      markupPercent: raw.PRICING_MARKUP_PERCENT,
      minMarginMinor: raw.PRICING_MIN_MARGIN_MINOR,
      currency: raw.PRICING_CURRENCY,
      charm: raw.PRICING_CHARM,
    },
    fulfilment: {
      horizonMinutes: raw.FULFILMENT_HORIZON_MINUTES,
      workerIntervalMs: raw.WORKER_INTERVAL_MS,
      attentionRefundHours: raw.ATTENTION_REFUND_HOURS,
    },
    http: {
      /** Proxies in front of the app that append to X-Forwarded-For; 0 = the direct peer is the client. */
      trustedProxyHops: raw.TRUSTED_PROXY_HOPS,
    },
    paymentSweep: {
      /** 0 turns the long-running server's timer off (cron only). */
      intervalSeconds: raw.PAYMENT_SWEEP_INTERVAL_SECONDS,
      minAgeSeconds: raw.PAYMENT_SWEEP_MIN_AGE_SECONDS,
    },
    rateLimits: { esimGoPerSecond: raw.ESIM_GO_RATE_LIMIT },
    observability: {
      logLevel: raw.LOG_LEVEL,
      /** Bearer token for /api/metrics; falls back to the cron secret, none means the endpoint refuses all. */
      metricsToken: raw.METRICS_TOKEN ?? raw.CRON_SECRET ?? (production ? undefined : SANDBOX.devSecret),
      readyMaxQueueLagSeconds: raw.READY_MAX_QUEUE_LAG_SECONDS,
      readyMaxUndeliveredMinutes: raw.READY_MAX_UNDELIVERED_MINUTES,
      circuitFailureThreshold: raw.CIRCUIT_FAILURE_THRESHOLD,
      circuitOpenMs: raw.CIRCUIT_OPEN_MS,
    },
  };
}

/**
 * The stock key: configured (32 bytes), or — while no money moves (development, or a production build with every
 * service sandboxed, like the e2e stack and SESSION_SECRET's own fallback) — one derived from the session secret,
 * so a sandbox shop can import stock with no setup. A live shop never derives: a leaked SESSION_SECRET must not
 * open codes. (Codes sealed with a derived key do not open under the real one: sandbox stock stays sandbox.)
 */
function stockKey(value: string | undefined, live: boolean, sessionSecret: string): Buffer | null {
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

/** `ESIM_PROVIDERS=esim-go,zendit`; unset: every provider whose keys are set, or all of them in the sandbox. */
function enabledProviders(list: string | undefined, live: Record<(typeof PROVIDERS)[number], boolean>) {
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

function fundingConfig(
  raw: z.infer<typeof schema>,
  ctx: { sandbox: string; stripeLive: boolean; zenditLive: boolean },
) {
  // Zendit publishes no top-up API: live issuing funding needs an endpoint someone provides (README).
  const topupUrl = raw.ZENDIT_TOPUP_URL ?? (ctx.zenditLive ? undefined : `${ctx.sandbox}/zendit/v1/wallet/topup`);
  const address = {
    line1: raw.STRIPE_ISSUING_BILLING_LINE1,
    city: raw.STRIPE_ISSUING_BILLING_CITY,
    state: raw.STRIPE_ISSUING_BILLING_STATE,
    postal_code: raw.STRIPE_ISSUING_BILLING_POSTAL_CODE,
    country: raw.STRIPE_ISSUING_BILLING_COUNTRY?.toUpperCase(),
  };
  // Default: issuing where it can work (the sandbox, or a top-up endpoint is configured), else manual.
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

// ---------------------------------------------------------------------------------------------
// Currencies the shop sells in (lib/currency). Unset: the base PRICING_CURRENCY alone, as before.

const ECB_DAILY_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml";

const currencySchema = z.object({
  SHOP_CURRENCIES: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z]{3}(\s*,\s*[A-Za-z]{3})*$/, "a comma-separated list of ISO 4217 codes, e.g. USD,EUR,GBP,JPY")
      .optional(),
  ),
  CURRENCY_RATES_URL: optional.pipe(z.url().optional()),
  CURRENCY_MAX_RATE_AGE_DAYS: int(5).pipe(z.number().int().min(1).max(30)),
  CURRENCY_BUFFER_PERCENT: optional.pipe(
    z
      .string()
      .regex(/^\d{1,2}(\.\d{1,2})?$/, "a percent with at most 2 decimals, e.g. 2 or 1.5")
      .optional(),
  ),
});

function currencyConfig(
  source: Record<string, string | undefined>,
  ctx: { base: string; charm: boolean; sandbox: string; stripeLive: boolean },
) {
  const raw = currencySchema.parse(source);
  const listed = (raw.SHOP_CURRENCIES ?? "").split(",").map((c) => c.trim().toUpperCase());
  // The base always sells, first: every other price is computed from it, and it is the fallback.
  const currencies = [...new Set([ctx.base, ...listed.filter(Boolean)])];
  return {
    base: ctx.base,
    currencies,
    /** SHOP_CURRENCIES as given, for a base currency an admin changed from PRICING_CURRENCY. */
    listed: listed.filter(Boolean),
    /** The daily rates: the ECB's once real money moves (Stripe live), the sandbox's imitation until then. */
    ratesUrl:
      raw.CURRENCY_RATES_URL ??
      (ctx.stripeLive ? ECB_DAILY_URL : `${ctx.sandbox}/ecb/stats/eurofxref/eurofxref-daily.xml`),
    maxAgeDays: raw.CURRENCY_MAX_RATE_AGE_DAYS,
    /** Added to converted prices for the spread between the reference rate and the bank's. */
    bufferPercent: Number(raw.CURRENCY_BUFFER_PERCENT ?? "2"),
    charm: ctx.charm,
  };
}

export type Env = ReturnType<typeof parseEnv>;

let cached: Env | undefined;

/** The process's configuration, parsed once. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Services that run against the sandbox; a production server with any of them shows a banner. */
export function sandboxedServices(e: Env = env()): string[] {
  const services = {
    Stripe: e.stripe,
    "eSIM Go": e.esimGo,
    Zendit: e.zendit,
    "Supabase Storage": e.supabase,
    Resend: e.resend,
  };
  return Object.entries(services)
    .filter(([, s]) => s.mode === "sandbox")
    .map(([name]) => name);
}

/** For tests: forget the parsed config so the next `env()` reads the environment again. */
export function resetEnvCache(): void {
  cached = undefined;
}
