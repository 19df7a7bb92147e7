// The one validated configuration; nothing else reads process.env. A service without keys points at the
// sandbox with its test keys: business code never asks which mode it is in.
import { SANDBOX, currencyConfig, enabledProviders, fundingConfig, hotspotPolicy, stockKey } from "./derive";
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

  // With real money moving, someone must hear of parked orders.
  if (production && anyLive && raw.ADMIN_EMAILS.length === 0) {
    throw new Error("ADMIN_EMAILS is required in production once any service is live (it receives the admin alerts).");
  }

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
    databaseDirectUrl: raw.DATABASE_DIRECT_URL ?? raw.DATABASE_URL,
    adminEmails: raw.ADMIN_EMAILS,
    admins:
      anyLive || clerkEnabled
        ? raw.ADMIN_EMAILS
        : [...new Set([...raw.ADMIN_EMAILS, raw.ADMIN_SANDBOX_EMAIL.toLowerCase()])],
    sandboxAdminEmail: anyLive || clerkEnabled ? null : raw.ADMIN_SANDBOX_EMAIL.toLowerCase(),
    lowBalanceMinor: raw.ADMIN_LOW_BALANCE_MINOR,
    cronSecret: raw.CRON_SECRET ?? (production ? undefined : SANDBOX.devSecret),
    sessionSecret: raw.SESSION_SECRET ?? SANDBOX.devSecret,

    stock: {
      encryptionKey: stockKey(raw.STOCK_ENCRYPTION_KEY, production && anyLive, raw.SESSION_SECRET ?? SANDBOX.devSecret),
      restockIntervalMinutes: raw.STOCK_RESTOCK_INTERVAL_MINUTES,
    },

    partnerWebhooks: {
      /** A live shop refuses private and plain-http webhook targets unless told otherwise. */
      allowPrivate: flag(raw.PARTNER_WEBHOOKS_ALLOW_PRIVATE, !(production && anyLive)),
    },

    stripe: {
      mode: mode(stripeLive),
      secretKey: raw.STRIPE_SECRET_KEY ?? SANDBOX.stripeKey,
      webhookSecret: raw.STRIPE_WEBHOOK_SECRET ?? SANDBOX.stripeWebhookSecret,
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
      webhookSecret: raw.ZENDIT_WEBHOOK_SECRET ?? (zenditLive ? undefined : SANDBOX.zenditWebhookSecret),
    },
    providers: enabledProviders(raw.ESIM_PROVIDERS, { "esim-go": esimGoLive, zendit: zenditLive }),
    hotspot: hotspotPolicy(raw.PLAN_HOTSPOT),
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
      trustedProxyHops: raw.TRUSTED_PROXY_HOPS,
    },
    paymentSweep: {
      intervalSeconds: raw.PAYMENT_SWEEP_INTERVAL_SECONDS,
      minAgeSeconds: raw.PAYMENT_SWEEP_MIN_AGE_SECONDS,
    },
    rateLimits: { esimGoPerSecond: raw.ESIM_GO_RATE_LIMIT },
    observability: {
      logLevel: raw.LOG_LEVEL,
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

export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

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

export function resetEnvCache(): void {
  cached = undefined;
}
