// Stripe Issuing: cardholders, virtual cards (PAN/CVC revealed only through `expand[]` on retrieve) and
// authorizations. `chargeIssuingCard` is how other sandbox services (Zendit wallet top-ups) charge one of
// these cards: it enforces status, expiry, CVC, currency and spending limits, and records the result.
import type { SandboxApp } from "../server";
import type { FormValue } from "../core/http";
import {
  arr,
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
  requiredStr,
  str,
  type ApiRequest,
  type Params,
} from "./api";
import { digitsOnly, luhnCheckDigit } from "./cards";
import { emitEvent } from "./events";
import { askAuthorizationEndpoint } from "./realtime-authorization";
import {
  clone,
  newId,
  nowSec,
  saveState,
  stripeState,
  type Cardholder,
  type DeclineReason,
  type IssuingAuthorization,
  type IssuingCard,
  type ListObject,
  type SpendingControls,
  type SpendingInterval,
  type SpendingLimit,
} from "./objects";

const INTERVALS = ["per_authorization", "daily", "weekly", "monthly", "yearly", "all_time"] as const;
const ISSUING_CURRENCIES = ["usd", "eur", "gbp"] as const;

/** The test Issuing balance the sandbox starts with (minor units); approved authorizations draw it down. */
export const ISSUING_TEST_FUNDS: Record<string, number> = { usd: 10_000_000 };

// ---------------------------------------------------------------------------------------------
// Cardholders

export function createCardholder(req: ApiRequest): Cardholder {
  const { app, params } = req;
  rejectUnknown(params, [
    "name",
    "type",
    "email",
    "phone_number",
    "billing",
    "individual",
    "company",
    "metadata",
    "status",
    "spending_controls",
    "preferred_locales",
    "expand",
  ]);
  const name = requiredStr(params, "name");
  if (name.length > 24)
    throw invalid("The cardholder's name can be at most 24 characters long.", "name", "string_length_exceeds_maximum");
  // Printed on cards, so Stripe refuses digits and special characters.
  if (!/^[\p{L}][\p{L} .'-]*$/u.test(name))
    throw invalid("The cardholder's name cannot contain special characters or numbers.", "name");
  const type = oneOf(params, "type", ["individual", "company"] as const) ?? "individual";
  const email = str(params, "email") || null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw invalid(`Invalid email address: ${email}`, "email", "email_invalid");

  const billing = obj(params, "billing");
  if (!billing) throw missingParam("billing");
  rejectUnknown(billing, ["address"], "billing");
  const address = obj(billing, "address", "billing[address]");
  if (!address) throw missingParam("billing[address]");
  rejectUnknown(address, ["line1", "line2", "city", "state", "postal_code", "country"], "billing[address]");
  const line = (k: string, required: boolean) => {
    const v = str(address, k, `billing[address][${k}]`) || null;
    if (required && !v) throw missingParam(`billing[address][${k}]`);
    return v;
  };
  const country = line("country", false);
  const billingAddress = {
    line1: line("line1", true),
    line2: line("line2", false),
    city: line("city", true),
    state: line("state", false),
    postal_code: line("postal_code", true),
    country,
  };
  if (!country) throw missingParam("billing[address][country]");
  if (!/^[A-Za-z]{2}$/.test(country))
    throw invalid(
      `Country '${country}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'.`,
      "billing[address][country]",
      "country_code_invalid",
    );
  billingAddress.country = country.toUpperCase();

  const individual = type === "individual" ? parseIndividual(obj(params, "individual")) : null;
  const now = nowSec(app);
  const cardholder: Cardholder = {
    id: newId("ich_"),
    object: "issuing.cardholder",
    billing: { address: billingAddress },
    company:
      type === "company"
        ? { tax_id_provided: Boolean(str(obj(params, "company") ?? {}, "tax_id", "company[tax_id]")) }
        : null,
    created: now,
    email,
    individual,
    livemode: false,
    metadata: metadata(params),
    name,
    phone_number: str(params, "phone_number") || null,
    preferred_locales: (arr(params, "preferred_locales") ?? []).map(String),
    requirements: requirementsFor(type, individual),
    spending_controls: parseSpendingControls(
      params,
      null,
      str(obj(params, "spending_controls") ?? {}, "spending_limits_currency") ?? null,
    ),
    status: oneOf(params, "status", ["active", "inactive"] as const) ?? "active",
    type,
  };
  stripeState(app).cardholders[cardholder.id] = cardholder;
  saveState(app);
  emitEvent(app, "issuing_cardholder.created", cardholder, {
    requestId: req.requestId,
    idempotencyKey: req.idempotencyKey,
  });
  return clone(cardholder);
}

function parseIndividual(input: Params | undefined): Cardholder["individual"] {
  if (!input) return null;
  rejectUnknown(input, ["first_name", "last_name", "dob", "card_issuing", "verification"], "individual");
  const dob = obj(input, "dob", "individual[dob]");
  const terms = obj(
    obj(input, "card_issuing", "individual[card_issuing]") ?? {},
    "user_terms_acceptance",
    "individual[card_issuing][user_terms_acceptance]",
  );
  return {
    card_issuing: terms
      ? {
          user_terms_acceptance: {
            date: int(terms, "date", "individual[card_issuing][user_terms_acceptance][date]") ?? null,
            ip: str(terms, "ip", "individual[card_issuing][user_terms_acceptance][ip]") ?? null,
            user_agent: str(terms, "user_agent", "individual[card_issuing][user_terms_acceptance][user_agent]") ?? null,
          },
        }
      : null,
    dob: dob
      ? {
          day: int(dob, "day", "individual[dob][day]") ?? null,
          month: int(dob, "month", "individual[dob][month]") ?? null,
          year: int(dob, "year", "individual[dob][year]") ?? null,
        }
      : null,
    first_name: str(input, "first_name", "individual[first_name]") || null,
    last_name: str(input, "last_name", "individual[last_name]") || null,
    verification: null,
  };
}

/** What Stripe lists as past due for an individual cardholder (reported, not enforced here). */
function requirementsFor(type: Cardholder["type"], individual: Cardholder["individual"]): Cardholder["requirements"] {
  if (type === "company") return { disabled_reason: null, past_due: [] };
  const terms = individual?.card_issuing?.user_terms_acceptance;
  const pastDue = [
    !terms?.ip && "individual.card_issuing.user_terms_acceptance.ip",
    !terms?.date && "individual.card_issuing.user_terms_acceptance.date",
    !individual?.first_name && "individual.first_name",
    !individual?.last_name && "individual.last_name",
  ].filter((x): x is string => Boolean(x));
  return { disabled_reason: pastDue.length ? "requirements.past_due" : null, past_due: pastDue };
}

export function retrieveCardholder(req: ApiRequest): Cardholder {
  rejectUnknown(req.params, ["expand"]);
  const ch = stripeState(req.app).cardholders[req.ctx.params.id!];
  if (!ch) throw noSuch("issuing.cardholder", req.ctx.params.id!);
  return clone(ch);
}

export function listCardholders(req: ApiRequest): ListObject<Cardholder> {
  rejectUnknown(req.params, [
    "limit",
    "starting_after",
    "ending_before",
    "expand",
    "email",
    "status",
    "type",
    "created",
    "phone_number",
  ]);
  const email = str(req.params, "email");
  const status = str(req.params, "status");
  const items = Object.values(stripeState(req.app).cardholders)
    .reverse()
    .filter((c) => (!email || c.email === email) && (!status || c.status === status))
    .map(clone);
  return paginate(items, req.params, "/v1/issuing/cardholders", "issuing.cardholder");
}

// ---------------------------------------------------------------------------------------------
// Cards

function parseSpendingControls(
  params: Params,
  base: SpendingControls | null,
  currency: string | null,
): SpendingControls {
  const sc = obj(params, "spending_controls");
  const out: SpendingControls = base
    ? clone(base)
    : { allowed_categories: null, blocked_categories: null, spending_limits: [], spending_limits_currency: currency };
  if (!sc) return out;
  rejectUnknown(
    sc,
    [
      "spending_limits",
      "allowed_categories",
      "blocked_categories",
      "spending_limits_currency",
      "allowed_merchant_countries",
      "blocked_merchant_countries",
    ],
    "spending_controls",
  );
  const limits = sc.spending_limits;
  if (limits !== undefined) {
    const list = limits === "" ? [] : limits;
    if (!Array.isArray(list)) throw invalid("Invalid array", "spending_controls[spending_limits]");
    out.spending_limits = list.map((entry: FormValue, i): SpendingLimit => {
      const at = `spending_controls[spending_limits][${i}]`;
      if (typeof entry !== "object" || Array.isArray(entry)) throw invalid("Invalid object", at);
      rejectUnknown(entry, ["amount", "interval", "categories"], at);
      const amount = int(entry, "amount", `${at}[amount]`, 0);
      if (amount === undefined) throw missingParam(`${at}[amount]`);
      const interval = oneOf(entry, "interval", INTERVALS, `${at}[interval]`);
      if (!interval) throw missingParam(`${at}[interval]`);
      const categories = arr(entry, "categories", `${at}[categories]`);
      return { amount, categories: categories ? categories.map(String) : null, interval };
    });
  }
  for (const key of ["allowed_categories", "blocked_categories"] as const) {
    if (sc[key] !== undefined)
      out[key] = sc[key] === "" ? null : (arr(sc, key, `spending_controls[${key}]`) ?? []).map(String);
  }
  if (out.allowed_categories && out.blocked_categories) {
    throw invalid(
      "You may specify either allowed_categories or blocked_categories, but not both.",
      "spending_controls[blocked_categories]",
    );
  }
  const slc = str(sc, "spending_limits_currency", "spending_controls[spending_limits_currency]");
  if (slc && !base?.spending_limits_currency) out.spending_limits_currency = slc.toLowerCase();
  return out;
}

function newPan(app: SandboxApp): string {
  const taken = new Set(Object.values(stripeState(app).cards).map((c) => c.number));
  for (;;) {
    let partial = "40000099";
    for (let i = 0; i < 7; i++) partial += Math.floor(Math.random() * 10);
    const pan = partial + luhnCheckDigit(partial);
    if (!taken.has(pan)) return pan;
  }
}

export function createCard(req: ApiRequest): IssuingCard {
  const { app, params } = req;
  rejectUnknown(params, [
    "cardholder",
    "currency",
    "type",
    "status",
    "spending_controls",
    "metadata",
    "expand",
    "shipping",
    "replacement_for",
    "replacement_reason",
    "personalization_design",
    "second_line",
    "financial_account",
    "pin",
    "lifecycle_controls",
  ]);
  const state = stripeState(app);
  const cardholderId = requiredStr(params, "cardholder");
  const lifecycle = parseLifecycle(params);
  const cardholder = state.cardholders[cardholderId];
  if (!cardholder) throw noSuch("issuing.cardholder", cardholderId, "cardholder");
  const currency = requiredStr(params, "currency").toLowerCase();
  if (!ISSUING_CURRENCIES.includes(currency as (typeof ISSUING_CURRENCIES)[number]))
    throw invalid(`Invalid currency: ${currency}. Issuing cards support usd, eur and gbp.`, "currency");
  const type = oneOf(params, "type", ["virtual", "physical"] as const);
  if (!type) throw missingParam("type");
  if (type === "physical") throw invalid("The Tern sandbox issues virtual cards only.", "type");
  // Stripe creates cards inactive unless asked otherwise.
  const status = oneOf(params, "status", ["active", "inactive"] as const) ?? "inactive";

  const now = nowSec(app);
  const issued = new Date(now * 1000);
  const number = newPan(app);
  const card: IssuingCard = {
    id: newId("ic_"),
    object: "issuing.card",
    brand: "Visa",
    cancellation_reason: null,
    cardholder: cardholderId,
    created: now,
    currency,
    exp_month: issued.getUTCMonth() + 1,
    exp_year: issued.getUTCFullYear() + 3,
    financial_account: null,
    last4: number.slice(-4),
    latest_fraud_warning: null,
    lifecycle_controls: lifecycle,
    livemode: false,
    metadata: metadata(params),
    personalization_design: null,
    replaced_by: null,
    replacement_for: null,
    replacement_reason: null,
    second_line: null,
    shipping: null,
    spending_controls: parseSpendingControls(params, null, currency),
    status,
    type: "virtual",
    wallets: {
      apple_pay: { eligible: false, ineligible_reason: "missing_cardholder_contact" },
      google_pay: { eligible: false, ineligible_reason: "missing_cardholder_contact" },
      primary_account_identifier: null,
    },
  };
  card.spending_controls.spending_limits_currency = currency;
  state.cards[card.id] = { card, number, cvc: String(Math.floor(Math.random() * 1000)).padStart(3, "0") };
  saveState(app);
  const rendered = renderCard(app, card.id, []);
  emitEvent(app, "issuing_card.created", rendered, { requestId: req.requestId, idempotencyKey: req.idempotencyKey });
  return rendered;
}

function parseLifecycle(params: Params): IssuingCard["lifecycle_controls"] {
  const lc = obj(params, "lifecycle_controls");
  if (!lc) return null;
  rejectUnknown(lc, ["cancel_after"], "lifecycle_controls");
  const after = obj(lc, "cancel_after", "lifecycle_controls[cancel_after]");
  if (!after) throw missingParam("lifecycle_controls[cancel_after]");
  rejectUnknown(after, ["payment_count"], "lifecycle_controls[cancel_after]");
  const count = int(after, "payment_count", "lifecycle_controls[cancel_after][payment_count]", 1);
  if (count === undefined) throw missingParam("lifecycle_controls[cancel_after][payment_count]");
  return { cancel_after: { payment_count: count } };
}

/** The card with its cardholder embedded; `number`/`cvc` only when asked for, as on Stripe. */
function renderCard(app: SandboxApp, id: string, expand: string[], reveal = false): IssuingCard {
  const state = stripeState(app);
  const rec = state.cards[id]!;
  const out = clone(rec.card);
  const ch = state.cardholders[typeof rec.card.cardholder === "string" ? rec.card.cardholder : rec.card.cardholder.id];
  if (ch) out.cardholder = clone(ch);
  const rest: string[] = [];
  for (const path of expand) {
    if (path === "number" || path === "cvc") {
      if (!reveal)
        throw invalid(
          `This property cannot be expanded (${path}). Card numbers and CVCs are only available when retrieving a single card.`,
          "expand",
        );
      out[path] = rec[path];
    } else rest.push(path);
  }
  expandInPlace(state, out as unknown as Record<string, unknown>, rest);
  return out;
}

export function retrieveCard(req: ApiRequest): IssuingCard {
  rejectUnknown(req.params, ["expand"]);
  const id = req.ctx.params.id!;
  if (!stripeState(req.app).cards[id]) throw noSuch("issuing.card", id);
  return renderCard(req.app, id, req.expand, true);
}

export function listCards(req: ApiRequest): ListObject<IssuingCard> {
  const { app, params } = req;
  rejectUnknown(params, [
    "limit",
    "starting_after",
    "ending_before",
    "expand",
    "cardholder",
    "status",
    "type",
    "last4",
    "exp_month",
    "exp_year",
    "created",
    "personalization_design",
  ]);
  const cardholder = str(params, "cardholder");
  const status = str(params, "status");
  const type = str(params, "type");
  const last4 = str(params, "last4");
  const items = Object.values(stripeState(app).cards)
    .reverse()
    .map((r) => r.card)
    .filter(
      (c) =>
        (!cardholder || c.cardholder === cardholder) &&
        (!status || c.status === status) &&
        (!type || c.type === type) &&
        (!last4 || c.last4 === last4),
    )
    .map((c) => renderCard(app, c.id, []));
  const page = paginate(items, params, "/v1/issuing/cards", "issuing.card");
  const paths = req.expand.map((p) => (p.startsWith("data.") ? p.slice(5) : p));
  return { ...page, data: page.data.map((c) => renderCard(app, c.id, paths)) };
}

export function updateCard(req: ApiRequest): IssuingCard {
  const { app, params } = req;
  rejectUnknown(params, [
    "status",
    "cancellation_reason",
    "spending_controls",
    "metadata",
    "expand",
    "pin",
    "shipping",
    "personalization_design",
  ]);
  const rec = stripeState(app).cards[req.ctx.params.id!];
  if (!rec) throw noSuch("issuing.card", req.ctx.params.id!);
  const card = rec.card;
  const status = oneOf(params, "status", ["active", "inactive", "canceled"] as const);
  const reason = oneOf(params, "cancellation_reason", ["lost", "stolen"] as const);
  // Canceling is final: a canceled card cannot be reactivated (a new card must be issued).
  if (card.status === "canceled" && (status || reason))
    throw invalid("This card has been canceled and can no longer be updated.", "status");
  if (reason && status !== "canceled")
    throw invalid(
      "cancellation_reason can only be set when canceling a card (status=canceled).",
      "cancellation_reason",
    );
  const previous: Record<string, unknown> = {};
  if (status && status !== card.status) {
    previous.status = card.status;
    card.status = status;
    if (status === "canceled") {
      previous.cancellation_reason = card.cancellation_reason;
      card.cancellation_reason = reason ?? null;
    }
  }
  if (params.spending_controls !== undefined) {
    previous.spending_controls = clone(card.spending_controls);
    card.spending_controls = parseSpendingControls(params, card.spending_controls, card.currency);
    card.spending_controls.spending_limits_currency = card.currency;
  }
  if (params.metadata !== undefined) {
    previous.metadata = { ...card.metadata };
    card.metadata = metadata(params, "metadata", card.metadata);
  }
  saveState(app);
  const rendered = renderCard(app, card.id, []);
  if (Object.keys(previous).length) {
    emitEvent(
      app,
      "issuing_card.updated",
      rendered,
      { requestId: req.requestId, idempotencyKey: req.idempotencyKey },
      previous,
    );
  }
  return renderCard(app, card.id, req.expand);
}

// ---------------------------------------------------------------------------------------------
// Authorizations

export function retrieveAuthorization(req: ApiRequest): IssuingAuthorization {
  rejectUnknown(req.params, ["expand"]);
  const auth = stripeState(req.app).authorizations[req.ctx.params.id!];
  if (!auth) throw noSuch("issuing.authorization", req.ctx.params.id!);
  const out = clone(auth);
  expandInPlace(stripeState(req.app), out as unknown as Record<string, unknown>, req.expand);
  return out;
}

export function listAuthorizations(req: ApiRequest): ListObject<IssuingAuthorization> {
  rejectUnknown(req.params, [
    "limit",
    "starting_after",
    "ending_before",
    "expand",
    "card",
    "cardholder",
    "status",
    "created",
  ]);
  const card = str(req.params, "card");
  const cardholder = str(req.params, "cardholder");
  const items = Object.values(stripeState(req.app).authorizations)
    .reverse()
    .filter((a) => (!card || a.card.id === card) && (!cardholder || a.cardholder === cardholder))
    .map(clone);
  return paginate(items, req.params, "/v1/issuing/authorizations", "issuing.authorization");
}

export interface ChargeIssuingCardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  merchant: string;
}

export type ChargeIssuingCardResult =
  | { approved: true; authorizationId: string }
  | { approved: false; reason: DeclineReason; /** Absent only for `card_not_found`. */ authorizationId?: string };

/** Start of the spending-limit window containing `now` (UTC calendar windows, weeks from Sunday). */
function windowStart(interval: SpendingInterval, now: number): number {
  const d = new Date(now * 1000);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  switch (interval) {
    case "daily":
      return Date.UTC(y, m, day) / 1000;
    case "weekly":
      return Date.UTC(y, m, day - d.getUTCDay()) / 1000;
    case "monthly":
      return Date.UTC(y, m, 1) / 1000;
    case "yearly":
      return Date.UTC(y, 0, 1) / 1000;
    default:
      return 0;
  }
}

function exceedsLimits(
  limits: SpendingLimit[],
  amount: number,
  now: number,
  approved: IssuingAuthorization[],
): boolean {
  return limits.some((limit) => {
    if (limit.interval === "per_authorization") return amount > limit.amount;
    const since = windowStart(limit.interval, now);
    const spent = approved.filter((a) => a.created >= since).reduce((sum, a) => sum + a.amount, 0);
    return spent + amount > limit.amount;
  });
}

/** Authorize a charge on a sandbox Issuing card, as a card network would ask Stripe to. Approved
 *  authorizations count toward the card's and cardholder's spending limits and the Issuing balance.
 *  When Stripe's own checks pass and a real-time authorization endpoint is configured, that endpoint decides
 *  (see `askAuthorizationEndpoint`). A non-positive or fractional amount throws: that is a caller bug. */
export async function chargeIssuingCard(
  app: SandboxApp,
  input: ChargeIssuingCardInput,
): Promise<ChargeIssuingCardResult> {
  if (!Number.isInteger(input.amount) || input.amount <= 0)
    throw new TypeError(`chargeIssuingCard: amount must be a positive integer (minor units), got ${input.amount}`);
  const state = stripeState(app);
  const number = digitsOnly(input.number);
  const rec = Object.values(state.cards).find((c) => c.number === number);
  if (!rec) return { approved: false, reason: "card_not_found" };
  const card = rec.card;
  const cardholderId = typeof card.cardholder === "string" ? card.cardholder : card.cardholder.id;
  const cardholder = state.cardholders[cardholderId];
  const now = nowSec(app);
  const currency = input.currency.toLowerCase();

  const today = new Date(now * 1000);
  const pastExpiry =
    card.exp_year < today.getUTCFullYear() ||
    (card.exp_year === today.getUTCFullYear() && card.exp_month < today.getUTCMonth() + 1);
  const expiryMatches = input.expMonth === card.exp_month && input.expYear === card.exp_year;
  const cvcMatches = input.cvc === rec.cvc;
  const approvedFor = (pred: (a: IssuingAuthorization) => boolean) =>
    Object.values(state.authorizations).filter((a) => a.approved && a.currency === currency && pred(a));

  let reason: DeclineReason | null = null;
  let stripeReason = "webhook_approved";
  if (card.status === "canceled") [reason, stripeReason] = ["card_canceled", "card_canceled"];
  else if (card.status === "inactive") [reason, stripeReason] = ["card_inactive", "card_inactive"];
  else if (cardholder && cardholder.status !== "active")
    [reason, stripeReason] = ["card_inactive", "cardholder_inactive"];
  else if (pastExpiry) [reason, stripeReason] = ["expired", "card_expired"];
  else if (!expiryMatches) [reason, stripeReason] = ["expired", "verification_failed"];
  else if (!cvcMatches) [reason, stripeReason] = ["incorrect_cvc", "verification_failed"];
  else if (currency !== card.currency) [reason, stripeReason] = ["currency_mismatch", "not_allowed"];
  else if (
    exceedsLimits(
      card.spending_controls.spending_limits,
      input.amount,
      now,
      approvedFor((a) => a.card.id === card.id),
    )
  ) {
    [reason, stripeReason] = ["spending_controls", "spending_controls"];
  } else if (
    cardholder &&
    cardholder.spending_controls.spending_limits.length &&
    (cardholder.spending_controls.spending_limits_currency ?? card.currency) === currency &&
    exceedsLimits(
      cardholder.spending_controls.spending_limits,
      input.amount,
      now,
      approvedFor((a) => a.cardholder === cardholderId),
    )
  ) {
    [reason, stripeReason] = ["spending_controls", "spending_controls"];
  }

  const auth: IssuingAuthorization = {
    id: newId("iauth_"),
    object: "issuing.authorization",
    amount: input.amount,
    approved: false,
    authorization_method: "online",
    card: clone(card),
    cardholder: cardholderId,
    created: now,
    currency,
    livemode: false,
    merchant_amount: input.amount,
    merchant_currency: currency,
    merchant_data: {
      category: "computer_network_information_services",
      city: null,
      country: null,
      name: input.merchant,
      network_id: String(Math.floor(Math.random() * 1e10)).padStart(10, "0"),
      postal_code: null,
      state: null,
      url: null,
    },
    metadata: {},
    pending_request: null,
    request_history: [],
    status: "pending",
    verification_data: {
      cvc_check: cvcMatches ? "match" : "mismatch",
      expiry_check: expiryMatches ? "match" : "mismatch",
    },
    sandbox_decline_reason: null,
  };
  auth.card.cardholder = cardholderId;

  // Stripe's own checks first: a request it can already decline never reaches the endpoint (Stripe docs,
  // "Scenarios without a real-time authorization request"); no endpoint configured = approved.
  if (reason === null && app.config.stripe.issuingAuthorizationUrl) {
    const answer = await askAuthorizationEndpoint(app, auth);
    if (answer !== "approved") [reason, stripeReason] = [answer, answer];
    // The card may have been spent meanwhile (two requests in flight): spending limits are checked again.
    else if (
      exceedsLimits(
        card.spending_controls.spending_limits,
        input.amount,
        nowSec(app),
        approvedFor((a) => a.card.id === card.id),
      )
    )
      [reason, stripeReason] = ["spending_controls", "spending_controls"];
  }

  const approved = reason === null;
  Object.assign(auth, {
    approved,
    status: "closed",
    pending_request: null,
    sandbox_decline_reason: reason,
    request_history: [
      {
        amount: approved ? input.amount : 0,
        approved,
        created: now,
        currency,
        merchant_amount: input.amount,
        merchant_currency: currency,
        reason: stripeReason,
        reason_message: null,
      },
    ],
  } satisfies Partial<IssuingAuthorization>);
  // Re-read: a reset while the endpoint was thinking replaced the state.
  const after = stripeState(app);
  after.authorizations[auth.id] = auth;
  saveState(app);
  emitEvent(app, "issuing_authorization.created", auth);
  // Authorizations close at once here, so an approved one counts as a payment for `cancel_after`.
  const live = after.cards[card.id]?.card;
  const limit = live?.lifecycle_controls?.cancel_after.payment_count;
  if (approved && live && limit && live.status !== "canceled") {
    const payments = Object.values(after.authorizations).filter((a) => a.approved && a.card.id === live.id).length;
    if (payments >= limit) {
      live.status = "canceled";
      saveState(app);
      emitEvent(app, "issuing_card.updated", renderCard(app, live.id, []), undefined, { status: "active" });
    }
  }
  return reason === null
    ? { approved: true, authorizationId: auth.id }
    : { approved: false, reason, authorizationId: auth.id };
}

/** Approved authorization amounts in `currency`, for the Issuing balance. */
export function issuingSpent(app: SandboxApp, currency: string): number {
  return Object.values(stripeState(app).authorizations)
    .filter((a) => a.approved && a.currency === currency)
    .reduce((sum, a) => sum + a.amount, 0);
}
