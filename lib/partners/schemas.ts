import { z } from "zod";
import { monthParam, queryText } from "@/lib/http/query";
import { WEBHOOK_EVENT_TYPES } from "@/lib/db/schema";
import { LEDGER_KINDS } from "./ledger";

export const bundleNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.+-]+$/)
  .meta({ description: "A bundle name from GET /catalogue.", example: "esim_1GB_7D_GB_V2" });

const referenceSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, "reference must be printable ASCII without spaces")
  .meta({ description: "Your own reference for the order, unique among your orders.", example: "booking-4711" });

export const createOrderSchema = z
  .object({ bundle: bundleNameSchema, reference: referenceSchema })
  .strict()
  .meta({ id: "CreateOrderRequest" });
export type CreateOrderInput = z.infer<typeof createOrderSchema>;

export const createTopupSchema = z
  .object({
    amountMinor: z
      .int()
      .min(500)
      .max(1_000_000_00)
      .meta({ description: "Amount to add, in minor units of your account's currency.", example: 10000 }),
  })
  .strict()
  .meta({ id: "CreateTopupRequest" });

export const idempotencyKeySchema = z
  .string()
  .min(8)
  .max(255)
  .regex(/^[\x21-\x7e]+$/)
  .meta({ description: "A unique key per order you mean to create (a UUID is ideal). Kept 24 hours." });

const orderStatusSchema = z.enum([
  "paid",
  "provisioning",
  "delivered",
  "installed",
  "failed",
  "refunded",
  "needs_attention",
]);

const moneySchema = z.object({ amountMinor: z.int(), currency: z.string().length(3) });

export const orderSchema = z
  .object({
    id: z.string().meta({ example: "ord_0123456789abcdefghjk" }),
    reference: z.string(),
    status: orderStatusSchema,
    bundle: z.string(),
    title: z.string(),
    price: moneySchema,
    createdAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().nullable(),
    refundedAt: z.iso.datetime().nullable(),
    failureReason: z.string().nullable(),
  })
  .meta({ id: "Order" });
export type ApiOrder = z.infer<typeof orderSchema>;

const ORDER_PAGE_MAX = 100;
export const orderListQuerySchema = z.object({
  reference: referenceSchema.optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(ORDER_PAGE_MAX)
    .default(50)
    .meta({ description: `Orders per page, 1–${ORDER_PAGE_MAX} (default 50).` }),
  starting_after: z
    .string()
    .regex(/^ord_[0-9a-z]{1,40}$/, "starting_after must be an order id")
    .optional()
    .meta({ description: "An order id from the previous page: the page continues after it (older orders)." }),
});

export const orderListSchema = z
  .object({
    data: z.array(orderSchema),
    has_more: z.boolean().meta({ description: "More (older) orders follow: ask again with starting_after." }),
  })
  .meta({ id: "OrderList" });

export const installSchema = z
  .object({
    orderId: z.string(),
    iccid: z.string(),
    smdpAddress: z.string(),
    matchingId: z.string(),
    lpa: z.string().meta({ description: "The LPA string to encode in a QR code or a one-tap install link." }),
    qrPngDataUrl: z
      .string()
      .regex(/^data:image\/png;base64,/)
      .meta({ description: "The LPA as a QR code: a PNG data URL, ready for an <img src>." }),
    appleInstallUrl: z.url().meta({ description: "One-tap install on an iPhone (iOS 17.4 or later)." }),
    androidInstallUrl: z.url().meta({ description: "One-tap install on an Android phone that supports it." }),
  })
  .meta({ id: "InstallDetails" });

const catalogueItemSchema = z
  .object({
    bundle: z.string(),
    title: z.string(),
    scope: z.string(),
    countries: z.array(z.string()),
    dataMb: z.int().nullable(),
    unlimited: z.boolean(),
    durationDays: z.int(),
    price: moneySchema,
    retailPrice: moneySchema,
  })
  .meta({ id: "CatalogueItem" });
export const catalogueSchema = z.object({ data: z.array(catalogueItemSchema) }).meta({ id: "Catalogue" });

export const catalogueQuerySchema = z.object({
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .optional()
    .meta({ description: "ISO 3166-1 alpha-2: bundles that cover this country." }),
});

const ledgerEntrySchema = z
  .object({
    id: z.int(),
    kind: z.enum(LEDGER_KINDS),
    reference: z.string(),
    orderId: z.string().nullable(),
    amountMinor: z.int().meta({ description: "Negative: a debit (an order). Positive: a credit." }),
    currency: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "LedgerEntry" });
export const ledgerSchema = z
  .object({
    billing: z.enum(["prepaid", "postpaid"]),
    balance: moneySchema,
    available: moneySchema.meta({ description: "Balance plus the credit limit of a postpaid account." }),
    data: z.array(ledgerEntrySchema),
  })
  .meta({ id: "Ledger" });
export const ledgerQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional().meta({ description: "Entries older than this entry id." }),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const topupSchema = z
  .object({ checkoutUrl: z.url(), amount: moneySchema, expiresAt: z.iso.datetime().nullable() })
  .meta({ id: "Topup" });

export const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), requestId: z.string() }) })
  .meta({ id: "Error" });

export const webhookPayloadSchema = z
  .object({
    id: z.string(),
    type: z.enum([...WEBHOOK_EVENT_TYPES, "test"]).meta({
      description: "`test` is sent only by the portal's “Send test event” button.",
    }),
    createdAt: z.iso.datetime(),
    data: z.object({
      order: orderSchema.optional(),
      balance: moneySchema.optional(),
      thresholdMinor: z.int().optional(),
    }),
  })
  .meta({ id: "WebhookEvent", description: "Never carries install details: fetch them from /orders/{id}/install." });
export const statementQuerySchema = z.object({ month: monthParam });
export const portalOrdersQuerySchema = z.object({ reference: queryText(100).optional() });
