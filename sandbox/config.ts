// Sandbox configuration, from the environment, overridable per instance (tests start their own).

export interface SandboxConfig {
  port: number;
  host: string;
  dataDir: string;
  stripe: {
    /** Where signed webhook events are POSTed; unset means events are recorded but not delivered. */
    webhookUrl?: string;
    /** The endpoint's `enabled_events`: exact types or `prefix.*`; `["*"]` is every type, Stripe's default. */
    webhookEvents: string[];
    webhookSecret: string;
    /** Delays between delivery attempts (ms), persisted per event so a restart resumes them. */
    retryDelaysMs: number[];
    /** Issuing real-time authorization endpoint (Stripe: Issuing settings); unset = no webhook, Stripe decides. */
    issuingAuthorizationUrl?: string;
    /** Its own signing secret, as Stripe gives the synchronous endpoint one apart from regular webhooks. */
    issuingAuthorizationSecret: string;
    /** How long Stripe waits for the answer before applying the timeout setting (decline here), ms. */
    issuingAuthorizationTimeoutMs: number;
  };
  esimGo: {
    /** The one accepted `X-API-Key`; also the HMAC key for usage callbacks, as with the real service. */
    apiKey: string;
    callbackUrl?: string;
    rateLimit: boolean;
    /** Opening organisation balance, USD. */
    initialBalance: number;
  };
  zendit: {
    webhookUrl?: string;
    /** The custom header the real console lets you configure on webhooks. */
    webhookHeaderName: string;
    webhookHeaderValue: string;
    /** Opening wallet balance in minor units (USD cents). */
    initialBalance: number;
    /** Time each async step (ACCEPTED → IN_PROGRESS → DONE) takes, ms. */
    stepDelayMs: number;
  };
  deliveryTimeoutMs: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  return {
    port: Number(env.SANDBOX_PORT ?? 4010),
    host: env.SANDBOX_HOST ?? "127.0.0.1",
    dataDir: env.SANDBOX_DATA_DIR ?? ".data/sandbox",
    stripe: {
      webhookUrl: env.SANDBOX_STRIPE_WEBHOOK_URL || undefined,
      webhookEvents: (env.SANDBOX_STRIPE_WEBHOOK_EVENTS || "*")
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
      webhookSecret: env.SANDBOX_STRIPE_WEBHOOK_SECRET || "whsec_tern_sandbox_secret",
      // Stripe retries for up to three days with exponential backoff; the first retries come quickly here.
      retryDelaysMs: [
        1000, 3000, 10_000, 30_000, 60_000, 300_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000,
        57_600_000, 86_400_000, 86_400_000,
      ],
      issuingAuthorizationUrl: env.SANDBOX_STRIPE_ISSUING_AUTH_URL || undefined,
      issuingAuthorizationSecret: env.SANDBOX_STRIPE_ISSUING_AUTH_SECRET || "whsec_tern_sandbox_issuing",
      issuingAuthorizationTimeoutMs: 2000,
    },
    esimGo: {
      apiKey: env.SANDBOX_ESIM_GO_API_KEY || "sandbox-esim-go-key",
      callbackUrl: env.SANDBOX_ESIM_GO_CALLBACK_URL || undefined,
      rateLimit: env.SANDBOX_ESIM_GO_RATE_LIMIT !== "off",
      initialBalance: Number(env.SANDBOX_ESIM_GO_BALANCE ?? 100_000),
    },
    zendit: {
      webhookUrl: env.SANDBOX_ZENDIT_WEBHOOK_URL || undefined,
      webhookHeaderName: env.SANDBOX_ZENDIT_WEBHOOK_HEADER || "x-zendit-secret",
      webhookHeaderValue: env.SANDBOX_ZENDIT_WEBHOOK_SECRET || "zendit-sandbox-secret",
      initialBalance: Number(env.SANDBOX_ZENDIT_BALANCE ?? 0),
      stepDelayMs: Number(env.SANDBOX_ZENDIT_STEP_MS ?? 300),
    },
    deliveryTimeoutMs: 10_000,
  };
}
