// Checkout Sessions: create/retrieve/list/expire over /v1, paying a session (from the hosted page or the
// control API) and expiry — lazily on every access and by a timer for the next session due.
import type { SandboxApp } from "../server";
import type { FormValue } from "../core/http";
import {
  expandInPlace,
  int,
  invalid,
  metadata,
  missingParam,
  noSuch,
  obj,
  oneOf,
  paginate,
  rejectUnknown,
  str,
  type ApiRequest,
  type Params,
  type StripeErrorBody,
} from "./api";
import { checkCard, type CardEntry } from "./cards";
import { discountLineItems, redeemSessionDiscounts, sessionDiscounts } from "./coupons";
import { emitEvent, type EventOrigin } from "./events";
import {
  clone,
  emptyAddress,
  newId,
  nowSec,
  saveState,
  stripeState,
  type Charge,
  CUSTOM_TEXT_KEYS,
  type CheckoutSession,
  type LineItem,
  type ListObject,
  type PaymentIntent,
  type SessionRecord,
} from "./objects";

const MIN_EXPIRY_SEC = 30 * 60;
const MAX_EXPIRY_SEC = 24 * 60 * 60;

/** Stripe's minimum charge per currency (minor units); others are not checked. */
const MINIMUM_CHARGE: Record<string, number> = { usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50, chf: 50, jpy: 50 };

const CREATE_PARAMS = [
  "mode",
  "line_items",
  "success_url",
  "cancel_url",
  "client_reference_id",
  "customer_email",
  "metadata",
  "payment_intent_data",
  "expires_at",
  "expand",
  "payment_method_types",
  "locale",
  "submit_type",
  "billing_address_collection",
  "allow_promotion_codes",
  "ui_mode",
  "customer_creation",
  "consent_collection",
  "custom_text",
  "discounts",
] as const;

/** The languages Stripe's Checkout page speaks (`locale`); `auto` follows the shopper's browser. */
export const CHECKOUT_LOCALES = [
  "auto",
  "bg",
  "cs",
  "da",
  "de",
  "el",
  "en",
  "en-GB",
  "es",
  "es-419",
  "et",
  "fi",
  "fil",
  "fr",
  "fr-CA",
  "hr",
  "hu",
  "id",
  "it",
  "ja",
  "ko",
  "lt",
  "lv",
  "ms",
  "mt",
  "nb",
  "nl",
  "pl",
  "pt",
  "pt-BR",
  "ro",
  "ru",
  "sk",
  "sl",
  "sv",
  "th",
  "tr",
  "vi",
  "zh",
  "zh-HK",
  "zh-TW",
] as const;

/** Stripe's limit on each custom_text message. */
const CUSTOM_TEXT_MAX = 1200;

export function sessionUrl(origin: string, id: string): string {
  return `${origin}/checkout/pay/${id}`;
}

// ---------------------------------------------------------------------------------------------
// Create

export function createSession(req: ApiRequest): CheckoutSession {
  const { app, params } = req;
  rejectUnknown(params, CREATE_PARAMS);
  const mode = str(params, "mode");
  if (!mode) throw missingParam("mode");
  if (mode !== "payment") {
    if (!["setup", "subscription"].includes(mode))
      throw invalid("Invalid mode: must be one of payment, setup, or subscription", "mode");
    throw invalid(`The Tern sandbox imitates mode=payment only (got mode=${mode}).`, "mode");
  }
  const now = nowSec(app);
  const locale = oneOf(params, "locale", CHECKOUT_LOCALES) ?? null;
  const successUrl = optionalUrl(params, "success_url");
  const cancelUrl = optionalUrl(params, "cancel_url");
  const customerEmail = str(params, "customer_email") || null;
  if (customerEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(customerEmail)) {
    throw invalid(`Invalid email address: ${customerEmail}`, "customer_email", "email_invalid");
  }
  const clientReferenceId = str(params, "client_reference_id") || null;
  if (clientReferenceId && clientReferenceId.length > 200) {
    throw invalid(
      "Invalid client_reference_id: must be at most 200 characters",
      "client_reference_id",
      "string_length_exceeds_maximum",
    );
  }
  const expiresAt = int(params, "expires_at") ?? now + MAX_EXPIRY_SEC;
  if (expiresAt < now + MIN_EXPIRY_SEC) {
    throw invalid(
      "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
      "expires_at",
    );
  }
  if (expiresAt > now + MAX_EXPIRY_SEC) {
    throw invalid(
      "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
      "expires_at",
    );
  }
  const pid = obj(params, "payment_intent_data") ?? {};
  rejectUnknown(pid, ["metadata", "description", "receipt_email"], "payment_intent_data");

  const consentCollection = parseConsentCollection(params);
  const customText = parseCustomText(params, consentCollection);

  const { lineItems, products } = parseLineItems(params, now);
  const currency = lineItems[0]!.currency;
  const subtotal = lineItems.reduce((sum, li) => sum + li.amount_subtotal, 0);
  const applied = sessionDiscounts(app, params, subtotal, currency);
  discountLineItems(lineItems, applied.amountDiscount);
  const total = subtotal - applied.amountDiscount;
  const minimum = MINIMUM_CHARGE[currency];
  if (minimum !== undefined && total < minimum) {
    throw invalid(
      `The Checkout Session's total amount due must add up to at least ${minimum} ${currency} (minor units).`,
      "line_items",
      "amount_too_small",
    );
  }

  const id = newId("cs_test_", 58);
  const paymentMethodTypes = params.payment_method_types;
  const session: CheckoutSession = {
    id,
    object: "checkout.session",
    after_expiration: null,
    allow_promotion_codes: str(params, "allow_promotion_codes") === "true" ? true : null,
    amount_subtotal: subtotal,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: str(params, "billing_address_collection") ?? null,
    cancel_url: cancelUrl,
    client_reference_id: clientReferenceId,
    client_secret: null,
    consent: null,
    consent_collection: consentCollection,
    created: now,
    currency,
    custom_fields: [],
    custom_text: customText,
    customer: null,
    customer_creation: "if_required",
    customer_details: null,
    customer_email: customerEmail,
    discounts: applied.discounts,
    expires_at: expiresAt,
    invoice: null,
    invoice_creation: {
      enabled: false,
      invoice_data: {
        account_tax_ids: null,
        custom_fields: null,
        description: null,
        footer: null,
        issuer: null,
        metadata: {},
        rendering_options: null,
      },
    },
    livemode: false,
    locale,
    metadata: metadata(params),
    mode: "payment",
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "if_required",
    payment_method_options: { card: { request_three_d_secure: "automatic" } },
    payment_method_types: Array.isArray(paymentMethodTypes) ? paymentMethodTypes.map(String) : ["card"],
    payment_status: "unpaid",
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: str(params, "submit_type") ?? null,
    subscription: null,
    success_url: successUrl,
    total_details: { amount_discount: applied.amountDiscount, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    url: sessionUrl(req.ctx.origin, id),
  };
  const state = stripeState(app);
  state.sessions[id] = {
    session,
    lineItems,
    products,
    paymentIntentData: {
      metadata: metadata(pid),
      description: str(pid, "description", "payment_intent_data[description]") ?? null,
    },
    attempts: [],
    discountLabel: applied.label,
  };
  saveState(app, ["sessions", id]);
  scheduleExpiry(app);
  return renderSession(app, state.sessions[id]!, req.expand);
}

function optionalUrl(params: Params, name: string): string | null {
  const v = str(params, name);
  if (!v) return null;
  // The placeholder is not URL-safe; Stripe accepts it and substitutes on redirect.
  try {
    const u = new URL(v.replace("{CHECKOUT_SESSION_ID}", "x"));
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("scheme");
  } catch {
    throw invalid("Not a valid URL", name, "url_invalid");
  }
  return v;
}

function parseConsentCollection(params: Params): CheckoutSession["consent_collection"] {
  const cc = obj(params, "consent_collection");
  if (!cc) return null;
  rejectUnknown(cc, ["terms_of_service", "promotions", "payment_method_reuse_agreement"], "consent_collection");
  if (cc.payment_method_reuse_agreement !== undefined)
    throw invalid(
      "The Tern sandbox does not imitate consent_collection[payment_method_reuse_agreement].",
      "consent_collection[payment_method_reuse_agreement]",
    );
  const tos = oneOf(cc, "terms_of_service", ["none", "required"] as const, "consent_collection[terms_of_service]");
  const promotions = oneOf(cc, "promotions", ["auto", "none"] as const, "consent_collection[promotions]");
  return { payment_method_reuse_agreement: null, promotions: promotions ?? null, terms_of_service: tos ?? null };
}

function parseCustomText(
  params: Params,
  consent: CheckoutSession["consent_collection"],
): CheckoutSession["custom_text"] {
  const out: CheckoutSession["custom_text"] = {
    after_submit: null,
    shipping_address: null,
    submit: null,
    terms_of_service_acceptance: null,
  };
  const ct = obj(params, "custom_text");
  if (!ct) return out;
  rejectUnknown(ct, CUSTOM_TEXT_KEYS, "custom_text");
  for (const key of CUSTOM_TEXT_KEYS) {
    if (ct[key] === undefined || ct[key] === "") continue;
    const entry = obj(ct, key, `custom_text[${key}]`);
    if (!entry) continue;
    rejectUnknown(entry, ["message"], `custom_text[${key}]`);
    const message = str(entry, "message", `custom_text[${key}][message]`);
    if (!message) throw missingParam(`custom_text[${key}][message]`);
    if (message.length > CUSTOM_TEXT_MAX)
      throw invalid(
        `Invalid string: must be at most ${CUSTOM_TEXT_MAX} characters`,
        `custom_text[${key}][message]`,
        "string_length_exceeds_maximum",
      );
    out[key] = { message };
  }
  // Stripe replaces its own agreement sentence with this text, so it needs the checkbox it belongs to.
  if (out.terms_of_service_acceptance && consent?.terms_of_service !== "required")
    throw invalid(
      "custom_text[terms_of_service_acceptance] can only be set when consent_collection[terms_of_service] is `required`.",
      "custom_text[terms_of_service_acceptance]",
    );
  if (out.shipping_address)
    throw invalid(
      "custom_text[shipping_address] requires shipping_address_collection, which the Tern sandbox does not imitate.",
      "custom_text[shipping_address]",
    );
  return out;
}

function parseLineItems(params: Params, now: number): { lineItems: LineItem[]; products: SessionRecord["products"] } {
  const raw = params.line_items;
  if (raw === undefined || raw === "") throw missingParam("line_items");
  if (!Array.isArray(raw) || raw.length === 0) throw invalid("Invalid array", "line_items");
  const lineItems: LineItem[] = [];
  const products: SessionRecord["products"] = {};
  raw.forEach((entry: FormValue, i) => {
    const at = `line_items[${i}]`;
    if (typeof entry !== "object" || Array.isArray(entry)) throw invalid("Invalid object", at);
    rejectUnknown(
      entry,
      ["price_data", "price", "quantity", "adjustable_quantity", "tax_rates", "dynamic_tax_rates"],
      at,
    );
    if (entry.price !== undefined) {
      // No Prices API here: every line item must carry its price inline.
      throw noSuch("price", String(entry.price), `${at}[price]`);
    }
    const pd = obj(entry, "price_data", `${at}[price_data]`);
    if (!pd)
      throw invalid(
        `You must specify either \`price\` or \`price_data\` in ${at}.`,
        `${at}[price_data]`,
        "parameter_missing",
      );
    rejectUnknown(
      pd,
      ["currency", "unit_amount", "unit_amount_decimal", "product_data", "product", "tax_behavior"],
      `${at}[price_data]`,
    );
    const currency = str(pd, "currency", `${at}[price_data][currency]`)?.toLowerCase();
    if (!currency) throw missingParam(`${at}[price_data][currency]`);
    if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}.`, `${at}[price_data][currency]`);
    if (lineItems[0] && lineItems[0].currency !== currency) {
      throw invalid("All line items must have the same currency.", `${at}[price_data][currency]`);
    }
    const decimal = str(pd, "unit_amount_decimal", `${at}[price_data][unit_amount_decimal]`);
    const unitAmount =
      int(pd, "unit_amount", `${at}[price_data][unit_amount]`) ??
      (decimal !== undefined && /^\d+$/.test(decimal) ? Number(decimal) : undefined);
    if (unitAmount === undefined) throw missingParam(`${at}[price_data][unit_amount]`);
    if (pd.product !== undefined) throw noSuch("product", String(pd.product), `${at}[price_data][product]`);
    const productData = obj(pd, "product_data", `${at}[price_data][product_data]`);
    if (!productData) throw missingParam(`${at}[price_data][product_data]`);
    rejectUnknown(
      productData,
      ["name", "description", "images", "metadata", "tax_code", "unit_label"],
      `${at}[price_data][product_data]`,
    );
    const name = str(productData, "name", `${at}[price_data][product_data][name]`);
    if (!name) throw missingParam(`${at}[price_data][product_data][name]`);
    const quantity = int(entry, "quantity", `${at}[quantity]`, 1);
    if (quantity === undefined)
      throw invalid(`Quantity is required. Add \`quantity\` to \`${at}\``, `${at}[quantity]`, "parameter_missing");

    const productId = newId("prod_", 14);
    products[productId] = {
      name,
      description: str(productData, "description", `${at}[price_data][product_data][description]`) || null,
    };
    const amount = unitAmount * quantity;
    lineItems.push({
      id: newId("li_"),
      object: "item",
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency,
      description: name,
      metadata: {},
      price: {
        id: newId("price_"),
        object: "price",
        active: false,
        billing_scheme: "per_unit",
        created: now,
        currency,
        custom_unit_amount: null,
        livemode: false,
        lookup_key: null,
        metadata: {},
        nickname: null,
        product: productId,
        recurring: null,
        tax_behavior: "unspecified",
        tiers_mode: null,
        transform_quantity: null,
        type: "one_time",
        unit_amount: unitAmount,
        unit_amount_decimal: String(unitAmount),
      },
      quantity,
    });
  });
  return { lineItems, products };
}

// ---------------------------------------------------------------------------------------------
// Read

export function getSessionRecord(app: SandboxApp, id: string): SessionRecord | undefined {
  expireDueSessions(app);
  return stripeState(app).sessions[id];
}

export function lineItemList(rec: SessionRecord): ListObject<LineItem> {
  return {
    object: "list",
    data: clone(rec.lineItems),
    has_more: false,
    url: `/v1/checkout/sessions/${rec.session.id}/line_items`,
  };
}

/** A response copy of the session with `line_items` (includable) and id expansions applied. */
export function renderSession(app: SandboxApp, rec: SessionRecord, expand: string[]): CheckoutSession {
  const out = clone(rec.session);
  const rest: string[] = [];
  for (const path of expand) {
    if (path === "line_items") out.line_items = lineItemList(rec);
    else if (path.startsWith("line_items.")) {
      out.line_items = lineItemList(rec);
      rest.push(path);
    } else rest.push(path);
  }
  expandInPlace(stripeState(app), out as unknown as Record<string, unknown>, rest);
  return out;
}

export function retrieveSession(req: ApiRequest): CheckoutSession {
  rejectUnknown(req.params, ["expand"]);
  const rec = getSessionRecord(req.app, req.ctx.params.id!);
  if (!rec) throw noSuch("checkout.session", req.ctx.params.id!);
  return renderSession(req.app, rec, req.expand);
}

export function listSessions(req: ApiRequest): ListObject<CheckoutSession> {
  const { app, params } = req;
  rejectUnknown(params, [
    "limit",
    "starting_after",
    "ending_before",
    "payment_intent",
    "status",
    "customer_details",
    "expand",
    "created",
  ]);
  expireDueSessions(app);
  const status = oneOf(params, "status", ["open", "complete", "expired"] as const);
  const paymentIntent = str(params, "payment_intent");
  const email = str(obj(params, "customer_details") ?? {}, "email", "customer_details[email]");
  const records = Object.values(stripeState(app).sessions)
    .reverse()
    .filter(
      (r) => (!status || r.session.status === status) && (!paymentIntent || r.session.payment_intent === paymentIntent),
    )
    .filter((r) => !email || r.session.customer_details?.email === email);
  const page = paginate(
    records.map((r) => ({ id: r.session.id, rec: r })),
    params,
    "/v1/checkout/sessions",
    "checkout.session",
  );
  const list = { ...page, data: page.data.map(({ rec }) => renderSession(app, rec, [])) };
  expandInPlace(stripeState(app), list as unknown as Record<string, unknown>, req.expand);
  return list;
}

export function listSessionLineItems(req: ApiRequest): ListObject<LineItem> {
  rejectUnknown(req.params, ["limit", "starting_after", "ending_before", "expand"]);
  const rec = getSessionRecord(req.app, req.ctx.params.id!);
  if (!rec) throw noSuch("checkout.session", req.ctx.params.id!);
  return paginate(clone(rec.lineItems), req.params, `/v1/checkout/sessions/${rec.session.id}/line_items`, "line item");
}

// ---------------------------------------------------------------------------------------------
// Expire

export function expireSessionRoute(req: ApiRequest): CheckoutSession {
  rejectUnknown(req.params, ["expand"]);
  const rec = getSessionRecord(req.app, req.ctx.params.id!);
  if (!rec) throw noSuch("checkout.session", req.ctx.params.id!);
  if (rec.session.status !== "open") {
    throw invalid(
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${rec.session.status}".`,
    );
  }
  expireSession(req.app, rec, { requestId: req.requestId, idempotencyKey: req.idempotencyKey });
  return renderSession(req.app, rec, req.expand);
}

function expireSession(app: SandboxApp, rec: SessionRecord, origin?: EventOrigin): void {
  rec.session.status = "expired";
  rec.session.url = null;
  saveState(app, ["sessions", rec.session.id]);
  emitEvent(app, "checkout.session.expired", rec.session, origin);
}

/** Expire every open session whose `expires_at` has passed (called on each access and by the timer). */
export function expireDueSessions(app: SandboxApp): void {
  const now = nowSec(app);
  // Runs before every API request: skip the scan until the earliest known expiry is reached.
  if (now < (nextDue.get(app) ?? 0)) return;
  for (const rec of Object.values(stripeState(app).sessions)) {
    if (rec.session.status === "open" && rec.session.expires_at <= now) expireSession(app, rec);
  }
  scheduleExpiry(app);
}

const timers = new WeakMap<SandboxApp, NodeJS.Timeout>();
const nextDue = new WeakMap<SandboxApp, number>();

/** Arm one timer for the next session due to expire, so expiry events fire even if nobody asks. */
export function scheduleExpiry(app: SandboxApp): void {
  clearExpiryTimer(app);
  let next = Infinity;
  for (const rec of Object.values(stripeState(app).sessions)) {
    if (rec.session.status === "open") next = Math.min(next, rec.session.expires_at);
  }
  nextDue.set(app, next);
  if (next === Infinity) return;
  const delayMs = Math.min(Math.max(0, (next - nowSec(app)) * 1000 + 250), 2 ** 31 - 1);
  // unref: a pending expiry must not keep a closing sandbox (or a test process) alive.
  timers.set(app, setTimeout(() => expireDueSessions(app), delayMs).unref());
}

export function clearExpiryTimer(app: SandboxApp): void {
  const t = timers.get(app);
  if (t) clearTimeout(t);
  timers.delete(app);
  nextDue.delete(app);
}

// ---------------------------------------------------------------------------------------------
// Pay

export interface PayInput extends CardEntry {
  email: string | null;
  name: string | null;
  /** The buyer ticked the terms-of-service box (only asked when consent_collection requires it). */
  termsAccepted: boolean;
  via: "page" | "control";
}

export type PayResult =
  | { ok: true; session: CheckoutSession; paymentIntent: PaymentIntent }
  | { ok: false; status: number; error: StripeErrorBody };

/** Charge a test card for an open session: on success create the PaymentIntent and Charge, complete
 *  the session and emit its events; on decline record the attempt and leave the session open. */
export function paySession(app: SandboxApp, id: string, input: PayInput): PayResult {
  const rec = getSessionRecord(app, id);
  if (!rec) return { ok: false, status: 404, error: noSuch("checkout.session", id).body };
  if (rec.session.status !== "open") {
    return {
      ok: false,
      status: 400,
      error: invalid(`This Checkout Session is ${rec.session.status} and can no longer be paid.`).body,
    };
  }
  // A session created with customer_email collects that address; the page shows it read-only.
  const email = rec.session.customer_email ?? input.email;
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return { ok: false, status: 400, error: invalid("Your email address is invalid.", "email", "email_invalid").body };
  }
  const termsRequired = rec.session.consent_collection?.terms_of_service === "required";
  if (termsRequired && !input.termsAccepted) {
    return {
      ok: false,
      status: 400,
      error: invalid("You must agree to the terms of service to complete this payment.", "consent").body,
    };
  }
  const now = nowSec(app);
  const result = checkCard(input, now);
  const last4 = input.number.replace(/\D/g, "").slice(-4);
  if (!result.ok) {
    rec.attempts.push({
      at: now,
      via: input.via,
      last4,
      outcome: "declined",
      code: result.code,
      decline_code: result.decline_code,
      message: result.message,
    });
    saveState(app, ["sessions", id]);
    const error: StripeErrorBody = {
      type: "card_error",
      code: result.code,
      decline_code: result.decline_code,
      message: result.message,
      param: result.param,
    };
    return { ok: false, status: 402, error };
  }

  const state = stripeState(app);
  const s = rec.session;
  const piId = newId("pi_");
  const chargeId = newId("ch_");
  const pmId = newId("pm_");
  const { metadata: piMetadata, description } = rec.paymentIntentData;
  const paymentIntent: PaymentIntent = {
    id: piId,
    object: "payment_intent",
    amount: s.amount_total,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: s.amount_total,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic_async",
    client_secret: `${piId}_secret_${newId("", 25)}`,
    confirmation_method: "automatic",
    created: now,
    currency: s.currency,
    customer: null,
    description,
    last_payment_error: null,
    latest_charge: chargeId,
    livemode: false,
    // Only payment_intent_data[metadata] reaches the PaymentIntent and Charge; session metadata does not.
    metadata: { ...piMetadata },
    next_action: null,
    on_behalf_of: null,
    payment_method: pmId,
    payment_method_types: ["card"],
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_data: null,
    transfer_group: null,
  };
  const charge: Charge = {
    id: chargeId,
    object: "charge",
    amount: s.amount_total,
    amount_captured: s.amount_total,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: newId("txn_"),
    billing_details: { address: emptyAddress(), email, name: input.name, phone: null, tax_id: null },
    calculated_statement_descriptor: "TERN SANDBOX",
    captured: true,
    created: now,
    currency: s.currency,
    customer: null,
    description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: { ...piMetadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "approved_by_network",
      reason: null,
      risk_level: "normal",
      risk_score: 20,
      seller_message: "Payment complete.",
      type: "authorized",
    },
    paid: true,
    payment_intent: piId,
    payment_method: pmId,
    payment_method_details: {
      type: "card",
      card: {
        amount_authorized: s.amount_total,
        brand: result.brand,
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
        country: result.country,
        exp_month: input.expMonth,
        exp_year: input.expYear,
        fingerprint: newId("", 16),
        funding: result.funding,
        last4: result.last4,
        network: result.brand,
        three_d_secure: null,
        wallet: null,
      },
    },
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_data: null,
    transfer_group: null,
  };
  state.paymentIntents[piId] = paymentIntent;
  state.charges[chargeId] = charge;
  s.status = "complete";
  s.payment_status = "paid";
  s.payment_intent = piId;
  s.url = null;
  if (s.consent_collection) s.consent = { promotions: null, terms_of_service: termsRequired ? "accepted" : null };
  s.customer_details = {
    address: emptyAddress(),
    business_name: null,
    email,
    individual_name: null,
    name: input.name,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  };
  rec.attempts.push({ at: now, via: input.via, last4, outcome: "succeeded" });
  redeemSessionDiscounts(app, s.discounts);
  saveState(app, ["sessions", s.id], ["paymentIntents", piId], ["charges", chargeId]);
  scheduleExpiry(app);

  emitEvent(app, "checkout.session.completed", s);
  emitEvent(app, "payment_intent.succeeded", paymentIntent);
  emitEvent(app, "charge.succeeded", charge);
  return { ok: true, session: clone(s), paymentIntent: clone(paymentIntent) };
}

/** success_url with Stripe's `{CHECKOUT_SESSION_ID}` template variable filled in. */
export function successRedirect(session: CheckoutSession): string | null {
  return session.success_url ? session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id) : null;
}
