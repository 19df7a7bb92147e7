// The Stripe imitation's persisted state and the shapes of the objects it serves. Objects are stored
// exactly as they go over the wire (snake_case, unix-second timestamps), so a response is a copy of the
// stored object plus any requested expansions.
import crypto from "node:crypto";
import type { SandboxApp } from "../server";
import type { DeliveryAttempt } from "../core/deliver";
import type { RecordPath } from "../core/store";

export const NS = "stripe";

/** Used for events until an API request pins the account's version (Stripe pins it on the first request). */
export const FALLBACK_API_VERSION = "2026-10-28.endive";

export type Metadata = Record<string, string>;

export interface Address {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

export interface ListObject<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}

export interface Price {
  id: string;
  object: "price";
  active: boolean;
  billing_scheme: "per_unit";
  created: number;
  currency: string;
  custom_unit_amount: null;
  livemode: false;
  lookup_key: null;
  metadata: Metadata;
  nickname: null;
  product: string;
  recurring: null;
  tax_behavior: "unspecified";
  tiers_mode: null;
  transform_quantity: null;
  type: "one_time";
  unit_amount: number;
  unit_amount_decimal: string;
}

export interface LineItem {
  id: string;
  object: "item";
  amount_discount: number;
  amount_subtotal: number;
  amount_tax: number;
  amount_total: number;
  currency: string;
  description: string;
  metadata: Metadata;
  price: Price;
  quantity: number;
}

export interface CustomerDetails {
  address: Address | null;
  business_name: string | null;
  email: string | null;
  individual_name: string | null;
  name: string | null;
  phone: string | null;
  tax_exempt: "none";
  tax_ids: never[];
}

export const CUSTOM_TEXT_KEYS = ["after_submit", "shipping_address", "submit", "terms_of_service_acceptance"] as const;
export type CustomTextKey = (typeof CUSTOM_TEXT_KEYS)[number];

export type SessionStatus = "open" | "complete" | "expired";

export interface CheckoutSession {
  id: string;
  object: "checkout.session";
  after_expiration: null;
  allow_promotion_codes: boolean | null;
  amount_subtotal: number;
  amount_total: number;
  automatic_tax: { enabled: false; liability: null; provider: null; status: null };
  billing_address_collection: string | null;
  cancel_url: string | null;
  client_reference_id: string | null;
  client_secret: null;
  /** Set when the session completes, for what consent_collection asked. */
  consent: { promotions: null; terms_of_service: "accepted" | null } | null;
  consent_collection: {
    payment_method_reuse_agreement: null;
    promotions: "auto" | "none" | null;
    terms_of_service: "none" | "required" | null;
  } | null;
  created: number;
  currency: string;
  custom_fields: never[];
  custom_text: Record<CustomTextKey, { message: string } | null>;
  customer: null;
  customer_creation: "if_required";
  customer_details: CustomerDetails | null;
  customer_email: string | null;
  /** One coupon or promotion code (`discounts` at creation); absent on sessions saved by an older sandbox. */
  discounts?: { coupon: string | null; promotion_code: string | null }[];
  expires_at: number;
  invoice: null;
  invoice_creation: { enabled: false; invoice_data: Record<string, null | Metadata | never[]> };
  line_items?: ListObject<LineItem>;
  livemode: false;
  locale: string | null;
  metadata: Metadata;
  mode: "payment";
  payment_intent: string | PaymentIntent | null;
  payment_link: null;
  payment_method_collection: "if_required";
  payment_method_options: { card: { request_three_d_secure: "automatic" } };
  payment_method_types: string[];
  payment_status: "unpaid" | "paid";
  phone_number_collection: { enabled: false };
  recovered_from: null;
  saved_payment_method_options: null;
  setup_intent: null;
  shipping_address_collection: null;
  shipping_cost: null;
  shipping_options: never[];
  status: SessionStatus;
  submit_type: string | null;
  subscription: null;
  success_url: string | null;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: "hosted";
  url: string | null;
}

export interface PaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_details: { tip: Record<string, never> };
  amount_received: number;
  application: null;
  application_fee_amount: null;
  automatic_payment_methods: null;
  canceled_at: null;
  cancellation_reason: null;
  capture_method: "automatic_async";
  client_secret: string;
  confirmation_method: "automatic";
  created: number;
  currency: string;
  customer: null;
  description: string | null;
  last_payment_error: null;
  latest_charge: string | Charge | null;
  livemode: false;
  metadata: Metadata;
  next_action: null;
  on_behalf_of: null;
  payment_method: string;
  payment_method_types: string[];
  processing: null;
  receipt_email: string | null;
  review: null;
  setup_future_usage: null;
  shipping: null;
  statement_descriptor: null;
  statement_descriptor_suffix: null;
  status: "succeeded";
  transfer_data: null;
  transfer_group: null;
}

export interface Charge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  application: null;
  application_fee: null;
  application_fee_amount: null;
  balance_transaction: string;
  billing_details: { address: Address; email: string | null; name: string | null; phone: null; tax_id: null };
  calculated_statement_descriptor: string;
  captured: true;
  created: number;
  currency: string;
  customer: null;
  description: string | null;
  disputed: false;
  failure_balance_transaction: null;
  failure_code: null;
  failure_message: null;
  fraud_details: Record<string, never>;
  livemode: false;
  metadata: Metadata;
  on_behalf_of: null;
  outcome: {
    advice_code: null;
    network_advice_code: null;
    network_decline_code: null;
    network_status: "approved_by_network";
    reason: null;
    risk_level: "normal";
    risk_score: number;
    seller_message: string;
    type: "authorized";
  };
  paid: true;
  payment_intent: string | PaymentIntent;
  payment_method: string;
  payment_method_details: {
    type: "card";
    card: {
      amount_authorized: number;
      brand: string;
      checks: { address_line1_check: null; address_postal_code_check: null; cvc_check: "pass" };
      country: string;
      exp_month: number;
      exp_year: number;
      fingerprint: string;
      funding: string;
      last4: string;
      network: string;
      three_d_secure: null;
      wallet: null;
    };
  };
  receipt_email: string | null;
  receipt_number: null;
  receipt_url: null;
  refunded: boolean;
  review: null;
  shipping: null;
  source_transfer: null;
  statement_descriptor: null;
  statement_descriptor_suffix: null;
  status: "succeeded";
  transfer_data: null;
  transfer_group: null;
}

export type RefundReason = "duplicate" | "fraudulent" | "requested_by_customer";

export interface Refund {
  id: string;
  object: "refund";
  amount: number;
  balance_transaction: string;
  charge: string | Charge;
  created: number;
  currency: string;
  destination_details: {
    type: "card";
    card: {
      reference: string;
      reference_status: "available";
      reference_type: "acquirer_reference_number";
      type: "refund";
    };
  };
  metadata: Metadata;
  payment_intent: string | PaymentIntent;
  reason: RefundReason | null;
  receipt_number: null;
  source_transfer_reversal: null;
  status: "succeeded";
  transfer_reversal: null;
}

export type SpendingInterval = "per_authorization" | "daily" | "weekly" | "monthly" | "yearly" | "all_time";

export interface SpendingLimit {
  amount: number;
  categories: string[] | null;
  interval: SpendingInterval;
}

export interface SpendingControls {
  allowed_categories: string[] | null;
  blocked_categories: string[] | null;
  spending_limits: SpendingLimit[];
  spending_limits_currency: string | null;
}

export interface Cardholder {
  id: string;
  object: "issuing.cardholder";
  billing: { address: Address };
  company: { tax_id_provided: boolean } | null;
  created: number;
  email: string | null;
  individual: {
    card_issuing: {
      user_terms_acceptance: { date: number | null; ip: string | null; user_agent: string | null };
    } | null;
    dob: { day: number | null; month: number | null; year: number | null } | null;
    first_name: string | null;
    last_name: string | null;
    verification: null;
  } | null;
  livemode: false;
  metadata: Metadata;
  name: string;
  phone_number: string | null;
  preferred_locales: string[];
  requirements: { disabled_reason: string | null; past_due: string[] };
  spending_controls: SpendingControls;
  status: "active" | "inactive" | "blocked";
  type: "individual" | "company";
}

export type CardStatus = "active" | "inactive" | "canceled";

export interface IssuingCard {
  id: string;
  object: "issuing.card";
  brand: "Visa";
  cancellation_reason: "lost" | "stolen" | "design_rejected" | null;
  /** Always the embedded Cardholder, as on the real API; refreshed from the stored cardholder on read. */
  cardholder: Cardholder | string;
  created: number;
  currency: string;
  cvc?: string;
  exp_month: number;
  exp_year: number;
  financial_account: null;
  last4: string;
  latest_fraud_warning: null;
  /** Since API 2026-03-25: the card cancels itself after this many payments. */
  lifecycle_controls: { cancel_after: { payment_count: number } } | null;
  livemode: false;
  metadata: Metadata;
  number?: string;
  personalization_design: null;
  replaced_by: null;
  replacement_for: null;
  replacement_reason: null;
  second_line: null;
  shipping: null;
  spending_controls: SpendingControls;
  status: CardStatus;
  type: "virtual";
  wallets: {
    apple_pay: { eligible: false; ineligible_reason: "missing_cardholder_contact" };
    google_pay: { eligible: false; ineligible_reason: "missing_cardholder_contact" };
    primary_account_identifier: null;
  };
}

/** The card as stored: the public object plus the secrets Stripe only reveals through `expand[]`. */
export interface CardRecord {
  card: IssuingCard;
  number: string;
  cvc: string;
}

export type DeclineReason =
  | "card_not_found"
  | "card_inactive"
  | "card_canceled"
  | "expired"
  | "incorrect_cvc"
  | "spending_controls"
  | "currency_mismatch"
  /** The real-time authorization endpoint answered `approved: false`. */
  | "webhook_declined"
  /** It did not answer a valid approval within the timeout (the sandbox's timeout setting is "decline"). */
  | "webhook_timeout"
  /** It answered, but not with 200 + JSON + `Stripe-Version`. */
  | "webhook_error";

export interface IssuingAuthorization {
  id: string;
  object: "issuing.authorization";
  amount: number;
  approved: boolean;
  authorization_method: "online";
  card: IssuingCard;
  cardholder: string;
  created: number;
  currency: string;
  livemode: false;
  merchant_amount: number;
  merchant_currency: string;
  merchant_data: {
    category: string;
    city: null;
    country: null;
    name: string;
    network_id: string;
    postal_code: null;
    state: null;
    url: null;
  };
  metadata: Metadata;
  pending_request: null | {
    amount: number;
    currency: string;
    is_amount_controllable: false;
    merchant_amount: number;
    merchant_currency: string;
    network_risk_score: null;
  };
  request_history: {
    amount: number;
    approved: boolean;
    created: number;
    currency: string;
    merchant_amount: number;
    merchant_currency: string;
    reason: string;
    reason_message: string | null;
  }[];
  status: "closed" | "pending";
  verification_data: { cvc_check: "match" | "mismatch"; expiry_check: "match" | "mismatch" };
  /** Sandbox-only: the reason in the shape `chargeIssuingCard` returns it. */
  sandbox_decline_reason: DeclineReason | null;
}

export interface StripeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface EventRecord {
  event: StripeEvent;
  attempts: DeliveryAttempt[];
  /** Wall-clock ms of the next scheduled delivery attempt; null once delivered or out of retries. */
  nextAttemptAt?: number | null;
}

export interface PaymentAttempt {
  at: number;
  via: "page" | "control";
  last4: string;
  outcome: "succeeded" | "declined";
  code?: string;
  decline_code?: string;
  message?: string;
}

export interface SessionRecord {
  session: CheckoutSession;
  lineItems: LineItem[];
  /** Product names/descriptions for the hosted page (the session only carries product ids). */
  products: Record<string, { name: string; description: string | null }>;
  paymentIntentData: { metadata: Metadata; description: string | null };
  attempts: PaymentAttempt[];
  /** The discount's name for the hosted page (coupon name or promotion code). */
  discountLabel?: string | null;
}

export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  body: unknown;
  requestId: string;
  created: number;
}

export interface StripeState {
  /** Pinned from the first API request's Stripe-Version, like a new Stripe account. */
  apiVersion: string | null;
  /** Seconds added to the wall clock (control API `clock`), so expiry and spending windows can be tested. */
  clockOffsetSec: number;
  sessions: Record<string, SessionRecord>;
  paymentIntents: Record<string, PaymentIntent>;
  charges: Record<string, Charge>;
  refunds: Record<string, Refund>;
  events: Record<string, EventRecord>;
  idempotency: Record<string, IdempotencyRecord>;
  cardholders: Record<string, Cardholder>;
  cards: Record<string, CardRecord>;
  authorizations: Record<string, IssuingAuthorization>;
}

function freshState(): StripeState {
  return {
    apiVersion: null,
    clockOffsetSec: 0,
    sessions: {},
    paymentIntents: {},
    charges: {},
    refunds: {},
    events: {},
    idempotency: {},
    cardholders: {},
    cards: {},
    authorizations: {},
  };
}

/** Always re-read per request: a sandbox reset replaces the document. */
export function stripeState(app: SandboxApp): StripeState {
  return app.store.ns<StripeState>(NS, freshState);
}

/** Persist: naming the records changed (`["sessions", id]`) writes just those, nothing named rewrites it all. */
export function saveState(app: SandboxApp, ...records: RecordPath[]): void {
  app.store.touch(NS, ...records);
}

/** The sandbox's Stripe clock in unix seconds (wall clock plus any control-API offset). */
export function nowSec(app: SandboxApp): number {
  return Math.floor(Date.now() / 1000) + stripeState(app).clockOffsetSec;
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Stripe-looking ids: a prefix and random base62 characters. */
export function newId(prefix: string, length = 24): string {
  const bytes = crypto.randomBytes(length);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}${out}`;
}

export function emptyAddress(): Address {
  return { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}
