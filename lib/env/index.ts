// The one validated configuration. Nothing else reads process.env.
//
// Each outside service is *live* when its keys are set and *sandbox* otherwise: in sandbox mode the same
// SDKs and clients are pointed at the local sandbox (SANDBOX_URL) with its well-known test keys. Only base
// URLs and keys differ between the two modes — business code never asks which one it is in.
import { SANDBOX, currencyConfig, enabledProviders, fundingConfig, stockKey } from "./derive";
import { flag, schema } from "./schema";

type ServiceMode = "live" | "sandbox";

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
    currency: currencyConfig(raw, { sandbox, stripeLive }),
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
type Env = ReturnType<typeof parseEnv>;

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
