// The plumbing every /v1 route shares: Stripe's auth, error bodies, form parsing, Idempotency-Key
// replay, list pagination and `expand[]`. Route handlers return an object or throw a StripeApiError.
import crypto from "node:crypto";
import type { SandboxApp } from "../server";
import type { RequestContext } from "../core/router";
import { parseStripeForm, sendJson, type FormValue } from "../core/http";
import {
  FALLBACK_API_VERSION,
  newId,
  nowSec,
  saveState,
  stripeState,
  type ListObject,
  type Metadata,
  type StripeState,
} from "./objects";

export type Params = Record<string, FormValue>;

export interface StripeErrorBody {
  type: "invalid_request_error" | "card_error" | "api_error" | "idempotency_error";
  code?: string;
  decline_code?: string;
  message: string;
  param?: string;
  doc_url?: string;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`;

export function invalid(message: string, param?: string, code?: string, status = 400): StripeApiError {
  return new StripeApiError(status, {
    type: "invalid_request_error",
    message,
    param,
    code,
    doc_url: code ? docUrl(code) : undefined,
  });
}

export function missingParam(param: string): StripeApiError {
  return invalid(`Missing required param: ${param}.`, param, "parameter_missing");
}

/** A missing object: 404 when it is the resource in the URL, 400 when a parameter names it. */
export function noSuch(kind: string, id: string, param?: string): StripeApiError {
  return invalid(`No such ${kind}: '${id}'`, param, "resource_missing", param ? 400 : 404);
}

/** The error body an injected fault answers with, typed the way Stripe types that status. */
export function faultErrorBody(status: number, message: string): { error: StripeErrorBody } {
  if (status === 402)
    return { error: { type: "card_error", code: "card_declined", decline_code: "generic_decline", message } };
  if (status === 409)
    return { error: { type: "invalid_request_error", code: "lock_timeout", message, doc_url: docUrl("lock_timeout") } };
  if (status === 429)
    return { error: { type: "invalid_request_error", code: "rate_limit", message, doc_url: docUrl("rate_limit") } };
  if (status >= 500) return { error: { type: "api_error", message } };
  return { error: { type: "invalid_request_error", message } };
}

// ---------------------------------------------------------------------------------------------
// Parameters

export function str(params: Params, name: string, path = name): string | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw invalid(`Invalid string: ${JSON.stringify(v)}`, path);
  return v;
}

export function requiredStr(params: Params, name: string, path = name): string {
  const v = str(params, name, path);
  if (v === undefined || v === "") throw missingParam(path);
  return v;
}

export function int(params: Params, name: string, path = name, min = 0): number | undefined {
  const v = str(params, name, path);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw invalid(`Invalid integer: ${v}`, path, "parameter_invalid_integer");
  const n = Number(v);
  if (n < min) throw invalid(`This value must be greater than or equal to ${min}.`, path, "parameter_invalid_integer");
  return n;
}

export function oneOf<T extends string>(
  params: Params,
  name: string,
  allowed: readonly T[],
  path = name,
): T | undefined {
  const v = str(params, name, path);
  if (v === undefined) return undefined;
  if (!allowed.includes(v as T)) {
    const list =
      allowed.length > 1 ? `${allowed.slice(0, -1).join(", ")}, or ${allowed[allowed.length - 1]}` : allowed[0];
    throw invalid(`Invalid ${path}: must be one of ${list}`, path);
  }
  return v as T;
}

export function obj(params: Params, name: string, path = name): Params | undefined {
  const v = params[name];
  if (v === undefined || v === "") return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw invalid(`Invalid object`, path);
  return v;
}

export function arr(params: Params, name: string, path = name): FormValue[] | undefined {
  const v = params[name];
  if (v === undefined || v === "") return undefined;
  if (!Array.isArray(v)) throw invalid(`Invalid array`, path);
  return v;
}

/** Stripe rejects parameters it does not know, which catches typos in an integration early. */
export function rejectUnknown(params: Params, known: readonly string[], prefix = ""): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      const name = prefix ? `${prefix}[${key}]` : key;
      throw invalid(`Received unknown parameter: ${name}`, name, "parameter_unknown");
    }
  }
}

/** `metadata[...]` with Stripe's limits (50 keys, 40-char keys, 500-char values); empty values unset keys. */
export function metadata(params: Params, name = "metadata", base: Metadata = {}): Metadata {
  const v = params[name];
  if (v === undefined) return { ...base };
  if (v === "") return {};
  if (typeof v !== "object" || Array.isArray(v)) throw invalid("Invalid object", name);
  const out: Metadata = { ...base };
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== "string") throw invalid(`Invalid string: ${JSON.stringify(val)}`, `${name}[${k}]`);
    if (k.length > 40)
      throw invalid(`Metadata keys can have up to 40 characters; ${k} has ${k.length}.`, `${name}[${k}]`);
    if (val.length > 500)
      throw invalid(
        `Metadata values can have up to 500 characters, but you passed in a value that is ${val.length} characters.`,
        `${name}[${k}]`,
      );
    if (val === "") delete out[k];
    else out[k] = val;
  }
  if (Object.keys(out).length > 50) throw invalid("You can specify up to 50 keys in metadata.", name);
  return out;
}

export function expandPaths(params: Params): string[] {
  const v = params.expand;
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x, i) => {
    if (typeof x !== "string") throw invalid(`Invalid string: ${JSON.stringify(x)}`, `expand[${i}]`);
    return x;
  });
}

// ---------------------------------------------------------------------------------------------
// Lists and expansion

/** A Stripe list page over `items` (newest first): `limit`, `starting_after`, `ending_before`. */
export function paginate<T extends { id: string }>(
  items: T[],
  params: Params,
  url: string,
  kind: string,
): ListObject<T> {
  const limit = int(params, "limit", "limit", 1) ?? 10;
  if (limit > 100) throw invalid("This value must be less than or equal to 100.", "limit", "parameter_invalid_integer");
  const after = str(params, "starting_after");
  const before = str(params, "ending_before");
  let start = 0;
  let end = items.length;
  if (after) {
    const i = items.findIndex((x) => x.id === after);
    if (i === -1) throw noSuch(kind, after, "starting_after");
    start = i + 1;
  } else if (before) {
    const i = items.findIndex((x) => x.id === before);
    if (i === -1) throw noSuch(kind, before, "ending_before");
    end = i;
    start = Math.max(0, end - limit);
  }
  const data = items.slice(start, Math.min(end, start + limit));
  const hasMore = before ? start > 0 : start + limit < end;
  return { object: "list", data, has_more: hasMore, url };
}

type Lookup = (state: StripeState, id: string) => unknown;

/** Which collection an id belongs to, by Stripe's id prefixes. */
const LOOKUPS: [string, Lookup][] = [
  ["cs_", (s, id) => s.sessions[id]?.session],
  ["pi_", (s, id) => s.paymentIntents[id]],
  ["ch_", (s, id) => s.charges[id]],
  ["re_", (s, id) => s.refunds[id]],
  ["ich_", (s, id) => s.cardholders[id]],
  ["ic_", (s, id) => s.cards[id]?.card],
  ["iauth_", (s, id) => s.authorizations[id]],
];

function lookupById(state: StripeState, id: string): unknown {
  const entry = LOOKUPS.find(([prefix]) => id.startsWith(prefix));
  return entry ? entry[1](state, id) : undefined;
}

/** Replace id strings on `target` by (copies of) the objects they name, following dotted paths
 *  (`payment_intent.latest_charge`, `data.charge` on lists). Unknown paths fail the way Stripe's do. */
export function expandInPlace(state: StripeState, target: Record<string, unknown>, paths: string[]): void {
  for (const path of paths) expandPath(state, target, path.split("."), path);
}

function expandPath(state: StripeState, target: Record<string, unknown>, segs: string[], full: string): void {
  const [head, ...rest] = segs;
  if (head === undefined) return;
  if (target.object === "list" && head === "data" && Array.isArray(target.data)) {
    for (const item of target.data as Record<string, unknown>[]) expandPath(state, item, rest, full);
    return;
  }
  if (!(head in target)) throw invalid(`This property cannot be expanded (${head}).`, "expand");
  let value = target[head];
  if (value === null) return;
  if (typeof value === "string") {
    const found = lookupById(state, value);
    if (found === undefined) throw invalid(`This property cannot be expanded (${head}).`, "expand");
    value = structuredClone(found);
    target[head] = value;
  }
  if (rest.length && value && typeof value === "object")
    expandPath(state, value as Record<string, unknown>, rest, full);
}

// ---------------------------------------------------------------------------------------------
// Routing, auth and idempotency

export interface ApiRequest {
  app: SandboxApp;
  ctx: RequestContext;
  params: Params;
  expand: string[];
  requestId: string;
  idempotencyKey: string | null;
}

export type ApiHandler = (req: ApiRequest) => unknown;

const IDEMPOTENCY_TTL_SEC = 24 * 60 * 60;

export function apiKeyFrom(ctx: RequestContext): string | undefined {
  const auth = ctx.req.headers.authorization ?? "";
  if (/^bearer /i.test(auth)) return auth.slice(7).trim() || undefined;
  // `curl -u sk_test_...:` sends the key as the Basic user name; Stripe accepts that too.
  if (/^basic /i.test(auth)) return Buffer.from(auth.slice(6), "base64").toString("utf8").split(":")[0] || undefined;
  return undefined;
}

/** Answers 401 unless a test-mode secret or restricted key is presented. Any such key is accepted. */
export function authenticate(ctx: RequestContext): boolean {
  const key = apiKeyFrom(ctx);
  const fail = (message: string) => {
    sendJson(
      ctx.res,
      401,
      { error: { type: "invalid_request_error", message } },
      { "www-authenticate": 'Basic realm="Stripe"', "request-id": newId("req_", 14) },
    );
    return true;
  };
  if (!key) {
    return fail(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (/^(sk|rk)_live_/.test(key))
    return fail("This Stripe sandbox only accepts test-mode keys (sk_test_… or rk_test_…); a live key was provided.");
  if (!/^(sk|rk)_test_[A-Za-z0-9_]+$/.test(key)) return fail(`Invalid API Key provided: ${maskKey(key)}`);
  return false;
}

function maskKey(key: string): string {
  const prefix = /^[a-z]{2}_(test|live)_/.exec(key)?.[0] ?? "";
  return `${prefix}${"*".repeat(Math.max(0, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

/** Stable text of the params, so key order in the form body does not matter for idempotency. */
function fingerprint(method: string, path: string, params: Params): string {
  const canon = (v: FormValue): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon(v[k]!)]),
          )
        : v;
  return crypto
    .createHash("sha256")
    .update(`${method} ${path} ${JSON.stringify(canon(params))}`)
    .digest("hex");
}

/** Runs one API request: parses params, replays or records Idempotency-Key results, shapes errors. */
export function runApi(app: SandboxApp, ctx: RequestContext, handler: ApiHandler): void {
  const state = stripeState(app);
  const requested = headerValue(ctx, "stripe-version");
  if (!state.apiVersion && requested) {
    state.apiVersion = requested;
    saveState(app, ["apiVersion"]);
  }
  const requestId = newId("req_", 14);
  const headers: Record<string, string> = {
    "request-id": requestId,
    "stripe-version": requested ?? state.apiVersion ?? FALLBACK_API_VERSION,
  };
  const isPost = ctx.method === "POST";
  const key = isPost ? (headerValue(ctx, "idempotency-key") ?? null) : null;
  if (key) headers["idempotency-key"] = key;

  let params: Params;
  try {
    params = parseStripeForm(isPost ? ctx.body.toString("utf8") : ctx.query.toString());
  } catch {
    return sendJson(
      ctx.res,
      400,
      { error: { type: "invalid_request_error", message: "Could not parse the request body." } },
      headers,
    );
  }

  if (key) {
    if (key.length > 255) {
      return sendJson(
        ctx.res,
        400,
        { error: invalid("Idempotency-Key must be no more than 255 characters long.").body },
        headers,
      );
    }
    pruneIdempotency(app, state);
    const print = fingerprint(ctx.method, ctx.path, params);
    const prior = state.idempotency[key];
    if (prior && prior.fingerprint !== print) {
      const error: StripeErrorBody = {
        type: "idempotency_error",
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      };
      return sendJson(ctx.res, 400, { error }, headers);
    }
    if (prior) {
      return sendJson(ctx.res, prior.status, prior.body, {
        ...headers,
        "idempotent-replayed": "true",
        "original-request": prior.requestId,
      });
    }
  }

  let status = 200;
  let body: unknown;
  try {
    body = handler({ app, ctx, params, expand: expandPaths(params), requestId, idempotencyKey: key });
  } catch (err) {
    if (!(err instanceof StripeApiError)) throw err;
    status = err.status;
    body = { error: err.body };
  }
  // Stripe saves a result only once the request started executing: successes and card declines are
  // replayed, but validation errors are not (fixing the params and retrying with the same key works).
  if (key && (status < 300 || status === 402)) {
    const created = nowSec(app);
    const current = stripeState(app);
    current.idempotency[key] = {
      fingerprint: fingerprint(ctx.method, ctx.path, params),
      status,
      body,
      requestId,
      created,
    };
    const oldest = oldestIdempotency.get(current);
    if (oldest !== undefined) oldestIdempotency.set(current, Math.min(oldest, created));
    saveState(app, ["idempotency", key]);
  }
  sendJson(ctx.res, status, body, headers);
}

/** Per state document (a reset makes a new one): no idempotency record was created before this, unix s. Lets
 *  a keyed request skip scanning thousands of records that cannot have expired yet. */
const oldestIdempotency = new WeakMap<StripeState, number>();

function pruneIdempotency(app: SandboxApp, state: StripeState): void {
  const cutoff = nowSec(app) - IDEMPOTENCY_TTL_SEC;
  if ((oldestIdempotency.get(state) ?? -Infinity) >= cutoff) return;
  let oldest = Infinity;
  for (const [k, rec] of Object.entries(state.idempotency)) {
    if (rec.created < cutoff) {
      delete state.idempotency[k];
      saveState(app, ["idempotency", k]);
    } else oldest = Math.min(oldest, rec.created);
  }
  oldestIdempotency.set(state, oldest);
}

function headerValue(ctx: RequestContext, name: string): string | undefined {
  const v = ctx.req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
