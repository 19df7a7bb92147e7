import { z } from "zod";

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const truthy = (v: string) => ["1", "true", "yes", "on"].includes(v.toLowerCase());

const bool = (fallback: boolean) => optional.transform((v) => (v === undefined ? fallback : truthy(v)));

export const flag = (v: string | undefined, fallback: boolean) => (v === undefined ? fallback : truthy(v));

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

export const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  APP_URL: z.url().default("http://localhost:3000"),
  SANDBOX_URL: z.url().default("http://127.0.0.1:4010"),
  DATA_DIR: z.string().default(".data"),

  DATABASE_URL: optional,
  DATABASE_DIRECT_URL: optional,

  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,

  ESIM_GO_API_KEY: optional,
  ESIM_GO_BASE_URL: z.url().default("https://api.esim-go.com/v2.4"),

  ZENDIT_API_KEY: optional,
  ZENDIT_BASE_URL: z.url().default("https://api.zendit.io/v1"),
  ZENDIT_WEBHOOK_HEADER: z.string().default("x-zendit-secret"),
  ZENDIT_WEBHOOK_SECRET: optional,
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
  ADMIN_SANDBOX_EMAIL: z.email().default("admin@tern.test"),
  ADMIN_LOW_BALANCE_MINOR: int(5000),
  CRON_SECRET: optional,
  SESSION_SECRET: optional,
  STOCK_ENCRYPTION_KEY: optional,
  STOCK_RESTOCK_INTERVAL_MINUTES: int(15),
  PARTNER_WEBHOOKS_ALLOW_PRIVATE: optional,

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
  PLAN_HOTSPOT: optional,

  CATALOGUE_PROVIDER: z.enum(["esim-go"]).default("esim-go"),
  PRICING_MARKUP_PERCENT: int(45),
  PRICING_MIN_MARGIN_MINOR: int(150),
  PRICING_CURRENCY: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .default("USD")
    .transform((c) => c.toUpperCase()),
  PRICING_CHARM: bool(true),
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

  FULFILMENT_HORIZON_MINUTES: int(120),
  WORKER_INTERVAL_MS: int(2000),
  CATALOGUE_SYNC_INTERVAL_MINUTES: int(60),
  ATTENTION_REFUND_HOURS: int(24),

  TRUSTED_PROXY_HOPS: int(0).pipe(z.number().int().min(0).max(10)),

  PAYMENT_SWEEP_INTERVAL_SECONDS: int(60),
  PAYMENT_SWEEP_MIN_AGE_SECONDS: int(180),
  ESIM_GO_RATE_LIMIT: int(10),

  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  METRICS_TOKEN: optional,
  READY_MAX_QUEUE_LAG_SECONDS: int(300),
  READY_MAX_UNDELIVERED_MINUTES: int(30),
  CIRCUIT_FAILURE_THRESHOLD: int(5),
  CIRCUIT_OPEN_MS: int(30_000),
});

export type RawEnv = z.infer<typeof schema>;
