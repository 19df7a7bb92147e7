// Events: every state change is recorded as a Stripe event and, when a webhook URL is configured,
// POSTed there signed exactly as Stripe signs (`Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.payload")`),
// after the response that caused it. Like Stripe, an event that was not acknowledged keeps its place in a
// retry schedule, and that schedule is part of the persisted state: a restarted sandbox resumes it.
import crypto from "node:crypto";
import type { SandboxApp } from "../server";
import { deliver } from "../core/deliver";
import { arr, int, invalid, obj, oneOf, paginate, rejectUnknown, str, type Params } from "./api";
import type { ListObject } from "./objects";
import { FALLBACK_API_VERSION, clone, newId, nowSec, saveState, stripeState, type StripeEvent } from "./objects";

export interface EventOrigin {
  requestId: string | null;
  idempotencyKey: string | null;
}

const NO_REQUEST: EventOrigin = { requestId: null, idempotencyKey: null };

/** Timers of scheduled delivery attempts, per sandbox instance (state itself lives in the store). */
const timers = new WeakMap<SandboxApp, Map<string, NodeJS.Timeout>>();
/** Instances that closed: a newer one owns their data dir and resumes what they left undelivered. */
const closed = new WeakSet<SandboxApp>();

function timersOf(app: SandboxApp): Map<string, NodeJS.Timeout> {
  let map = timers.get(app);
  if (!map) {
    map = new Map();
    timers.set(app, map);
  }
  return map;
}

/** Record an event (with a snapshot of `object`) and schedule its webhook delivery. */
export function emitEvent(
  app: SandboxApp,
  type: string,
  object: unknown,
  origin: EventOrigin = NO_REQUEST,
  previousAttributes?: Record<string, unknown>,
): StripeEvent {
  const state = stripeState(app);
  // Stripe sends an event only to endpoints that enabled its type; the event is stored either way.
  const endpoint = Boolean(app.config.stripe.webhookUrl) && subscribed(app, type);
  const event: StripeEvent = {
    id: newId("evt_"),
    object: "event",
    api_version: state.apiVersion ?? FALLBACK_API_VERSION,
    created: nowSec(app),
    data: previousAttributes
      ? { object: clone(object), previous_attributes: previousAttributes }
      : { object: clone(object) },
    livemode: false,
    pending_webhooks: endpoint ? 1 : 0,
    request: { id: origin.requestId, idempotency_key: origin.idempotencyKey },
    type,
  };
  // The first attempt is due at once; it is persisted before anything is sent, so a sandbox that dies
  // right after answering still delivers the event when it comes back.
  state.events[event.id] = { event, attempts: [], nextAttemptAt: endpoint ? Date.now() : null };
  saveState(app, ["events", event.id]);
  // setImmediate: the handler that emitted this answers its caller first, as Stripe does.
  if (endpoint) setImmediate(() => attempt(app, event.id));
  return event;
}

/** The `Stripe-Signature` header value for `payload` signed at unix time `t`. */
export function signPayload(payload: string, secret: string, t: number): string {
  const v1 = crypto.createHmac("sha256", secret).update(`${t}.${payload}`, "utf8").digest("hex");
  return `t=${t},v1=${v1}`;
}

/** A manual resend (control API): one attempt now, outside the schedule; false without an endpoint. */
export function sendEvent(app: SandboxApp, eventId: string): boolean {
  if (!app.config.stripe.webhookUrl || !stripeState(app).events[eventId]) return false;
  post(app, eventId, false);
  return true;
}

/** Re-arms the timers of every event still waiting for a delivery attempt (at start-up, after a restart). */
export function resumeDeliveries(app: SandboxApp): number {
  let resumed = 0;
  for (const record of Object.values(stripeState(app).events)) {
    if (record.nextAttemptAt == null) continue;
    schedule(app, record.event.id, record.nextAttemptAt);
    resumed++;
  }
  return resumed;
}

/** On close: stop sending; the schedule stays on disk for the next start. */
export function stopDeliveries(app: SandboxApp): void {
  closed.add(app);
  clearDeliveryTimers(app);
}

export function clearDeliveryTimers(app: SandboxApp): void {
  const map = timersOf(app);
  for (const t of map.values()) clearTimeout(t);
  map.clear();
}

function schedule(app: SandboxApp, eventId: string, atMs: number): void {
  const map = timersOf(app);
  const existing = map.get(eventId);
  if (existing) clearTimeout(existing);
  const delay = Math.min(Math.max(0, atMs - Date.now()), 2 ** 31 - 1);
  // unref: a pending retry must not keep a closing sandbox (or a test process) alive.
  const t = setTimeout(() => {
    map.delete(eventId);
    attempt(app, eventId);
  }, delay);
  t.unref();
  map.set(eventId, t);
}

/** A scheduled attempt: on failure the next one is scheduled (and persisted) from the retry list. */
function attempt(app: SandboxApp, eventId: string): void {
  if (closed.has(app)) return;
  const record = stripeState(app).events[eventId];
  if (!record || record.nextAttemptAt == null) return;
  if (!app.config.stripe.webhookUrl) {
    // The endpoint was removed: nothing to retry against (Stripe stops for a deleted endpoint too).
    record.nextAttemptAt = null;
    saveState(app, ["events", eventId]);
    return;
  }
  post(app, eventId, true);
}

function post(app: SandboxApp, eventId: string, scheduled: boolean): void {
  // Read config now, not at emit time: tests and the control API repoint the endpoint at run time.
  const url = app.config.stripe.webhookUrl!;
  const record = stripeState(app).events[eventId]!;
  // Stripe sends pretty-printed JSON; the signature covers these exact bytes.
  const payload = JSON.stringify(record.event, null, 2);
  deliver({
    url,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
    },
    // A fresh timestamp and signature per attempt, so a retry is not rejected as a replay.
    body: () => ({
      body: payload,
      headers: {
        "stripe-signature": signPayload(payload, app.config.stripe.webhookSecret, Math.floor(Date.now() / 1000)),
      },
    }),
    retryDelaysMs: [],
    timeoutMs: app.config.deliveryTimeoutMs,
    onAttempt: (result) => {
      // Re-read: a reset in the meantime replaced the state, and then there is nothing to record on.
      const current = stripeState(app).events[eventId];
      if (!current) return;
      current.attempts.push(result);
      const ok = result.status !== null && result.status >= 200 && result.status < 300;
      if (ok) {
        current.event.pending_webhooks = 0;
        current.nextAttemptAt = null;
        const t = timersOf(app).get(eventId);
        if (t) clearTimeout(t);
        timersOf(app).delete(eventId);
      } else if (scheduled) {
        const failures = current.attempts.filter((a) => !(a.status !== null && a.status >= 200 && a.status < 300));
        const delay = app.config.stripe.retryDelaysMs[failures.length - 1];
        current.nextAttemptAt = delay === undefined ? null : Date.now() + delay;
        if (current.nextAttemptAt != null) schedule(app, eventId, current.nextAttemptAt);
      }
      saveState(app, ["events", eventId]);
    },
  });
}

function subscribed(app: SandboxApp, type: string): boolean {
  return app.config.stripe.webhookEvents.some((filter) => typeMatches(type, filter));
}

/** `type` filter as Stripe's: exact, or a trailing `*` wildcard (`checkout.session.*`). */
export function typeMatches(type: string, filter: string): boolean {
  return filter.endsWith("*") ? type.startsWith(filter.slice(0, -1)) : type === filter;
}

const CREATED_OPS = ["gt", "gte", "lt", "lte"] as const;

/** `GET /v1/events`, newest first, filtered as Stripe filters: `type` (with `*`) or up to 20 `types` (not
 *  both), `created` (a unix time or a gt/gte/lt/lte range) and `delivery_success` — false lists events still
 *  pending or whose attempts all failed, true those delivered to the endpoint (or with none to deliver to). */
export function listEventsFrom(app: SandboxApp, params: Params): ListObject<StripeEvent> {
  rejectUnknown(params, [
    "limit",
    "starting_after",
    "ending_before",
    "type",
    "types",
    "created",
    "delivery_success",
    "expand",
  ]);
  const type = str(params, "type");
  const types = arr(params, "types")?.map(String);
  if (type && types) throw invalid("You may pass either `type` or `types`, but not both.", "types");
  if (types && types.length > 20) throw invalid("You may pass at most 20 types.", "types");
  const delivery = oneOf(params, "delivery_success", ["true", "false"]);
  const created = createdFilter(params);
  const items = Object.values(stripeState(app).events)
    .filter(({ event: e }) => {
      if (type && !typeMatches(e.type, type)) return false;
      if (types && !types.includes(e.type)) return false;
      if (delivery && (e.pending_webhooks === 0) !== (delivery === "true")) return false;
      return created(e.created);
    })
    .reverse()
    .map((r) => r.event);
  // Only the page is copied: the list may match thousands of events.
  const page = paginate(items, params, "/v1/events", "event");
  return { ...page, data: page.data.map(clone) };
}

function createdFilter(params: Params): (created: number) => boolean {
  if (params.created === undefined || params.created === "") return () => true;
  if (typeof params.created === "string") {
    const exact = int(params, "created");
    return (c) => c === exact;
  }
  const range = obj(params, "created")!;
  rejectUnknown(range, [...CREATED_OPS], "created");
  const bound = Object.fromEntries(CREATED_OPS.map((op) => [op, int(range, op, `created[${op}]`)]));
  return (c) =>
    (bound.gt === undefined || c > bound.gt) &&
    (bound.gte === undefined || c >= bound.gte) &&
    (bound.lt === undefined || c < bound.lt) &&
    (bound.lte === undefined || c <= bound.lte);
}
