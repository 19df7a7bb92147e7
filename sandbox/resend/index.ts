// Resend at /resend: `POST /emails` (and `/emails/batch`) with Resend's validation, error shapes and
// Idempotency-Key semantics; `GET /emails/:id`. What is "sent" lands in the inbox pages (inbox.ts).
import crypto from "node:crypto";
import type { SandboxApp } from "../server";
import type { RequestContext } from "../core/router";
import { sendJson } from "../core/http";
import { ResendStore, type EmailRecord, type LastEvent } from "./state";
import { validateEmail, type EmailDraft, type ResendError } from "./validate";
import { registerInbox } from "./inbox";

export const RESEND_PREFIX = "/resend";
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_BATCH = 100;

const ERROR_NAMES: Record<number, string> = {
  400: "validation_error",
  401: "missing_api_key",
  403: "invalid_api_key",
  404: "not_found",
  405: "method_not_allowed",
  409: "invalid_idempotent_request",
  422: "validation_error",
  429: "rate_limit_exceeded",
};

function sendError(ctx: RequestContext, error: ResendError): void {
  sendJson(ctx.res, error.statusCode, error);
}

/** Resend's test addresses decide the outcome, as they do on the real service. */
function lastEventFor(draft: EmailDraft): LastEvent {
  if (draft.scheduledAt && Date.parse(draft.scheduledAt) > Date.now()) return "scheduled";
  const all = [...draft.to, ...draft.cc, ...draft.bcc].join(" ");
  if (/bounced(\+[^@]*)?@resend\.dev/i.test(all)) return "bounced";
  if (/complained(\+[^@]*)?@resend\.dev/i.test(all)) return "complained";
  return "delivered";
}

/** Stable JSON (sorted keys) so a retried payload hashes the same whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Resend's timestamp style: `2023-04-03 22:13:42.674+00`. */
const resendTime = (iso: string) => iso.replace("T", " ").replace("Z", "+00");

export function emailResource(email: EmailRecord) {
  return {
    object: "email",
    id: email.id,
    to: email.to,
    from: email.from,
    created_at: resendTime(email.createdAt),
    subject: email.subject,
    html: email.html,
    text: email.text,
    bcc: email.bcc,
    cc: email.cc,
    reply_to: email.replyTo,
    last_event: email.lastEvent,
    scheduled_at: email.scheduledAt ? resendTime(email.scheduledAt) : null,
    tags: email.tags,
  };
}

export function registerResend(app: SandboxApp): void {
  const store = new ResendStore(app);
  app.onReset(() => store.wipeFiles());
  /** Idempotency keys whose first request is still being processed (attachment fetches are async). */
  const inFlight = new Set<string>();

  const { route } = app.router.service({
    name: "resend",
    prefix: RESEND_PREFIX,
    errorBody: (status, message) => ({
      statusCode: status,
      message,
      name: ERROR_NAMES[status] ?? (status >= 500 ? "internal_server_error" : "application_error"),
    }),
    before: (ctx) => {
      const auth = ctx.req.headers.authorization ?? "";
      const key = /^Bearer\s+(\S+)/i.exec(auth)?.[1];
      if (!key) {
        sendError(ctx, {
          statusCode: 401,
          name: "missing_api_key",
          message:
            "Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY",
        });
        return true;
      }
      // Any well-formed key is accepted; real keys all start with `re_`.
      if (!key.startsWith("re_")) {
        sendError(ctx, { statusCode: 403, name: "invalid_api_key", message: "API key is invalid" });
        return true;
      }
      return false;
    },
  });

  /** Fetch `path` attachments that point at this sandbox (a signed Storage URL, say); others are recorded only,
   *  since the sandbox cannot reach the internet. */
  async function resolveAttachments(ctx: RequestContext, draft: EmailDraft): Promise<(Buffer | null)[] | ResendError> {
    const contents: (Buffer | null)[] = [];
    for (const attachment of draft.attachments) {
      if (attachment.content || !attachment.path) {
        contents.push(attachment.content);
        continue;
      }
      if (!isSandboxUrl(attachment.path, ctx, app.config.port)) {
        contents.push(null);
        continue;
      }
      try {
        const res = await fetch(attachment.path, { signal: AbortSignal.timeout(5000) });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        contents.push(Buffer.from(await res.arrayBuffer()));
      } catch (err) {
        return {
          statusCode: 422,
          name: "invalid_attachment",
          message: `Could not fetch attachment from \`path\` (${(err as Error).message}).`,
        };
      }
    }
    return contents;
  }

  async function send(
    ctx: RequestContext,
    draft: EmailDraft,
    idempotencyKey: string | null,
  ): Promise<EmailRecord | ResendError> {
    const contents = await resolveAttachments(ctx, draft);
    if (!Array.isArray(contents)) return contents;
    const email: EmailRecord = {
      id: crypto.randomUUID(),
      from: draft.from,
      to: draft.to,
      cc: draft.cc,
      bcc: draft.bcc,
      replyTo: draft.replyTo,
      subject: draft.subject,
      html: draft.html,
      text: draft.text,
      headers: draft.headers,
      tags: draft.tags,
      scheduledAt: draft.scheduledAt,
      attachments: draft.attachments.map((a, i) => ({
        filename: a.filename,
        contentType: a.contentType,
        contentId: a.contentId,
        size: contents[i]?.length ?? 0,
        path: a.path,
        stored: contents[i] !== null && contents[i] !== undefined,
      })),
      idempotencyKey,
      lastEvent: lastEventFor(draft),
      createdAt: new Date().toISOString(),
    };
    store.save(email, contents);
    return email;
  }

  /** Runs `work` at most once per Idempotency-Key and payload within 24 h; a retry gets the first answer. */
  async function idempotent(
    ctx: RequestContext,
    endpoint: string,
    payload: unknown,
    work: () => Promise<{ status: number; body: unknown }>,
  ) {
    const header = ctx.req.headers["idempotency-key"];
    const key = typeof header === "string" ? header : undefined;
    if (key === undefined) {
      const { status, body } = await work();
      return sendJson(ctx.res, status, body);
    }
    if (key.length < 1 || key.length > 256) {
      return sendError(ctx, {
        statusCode: 400,
        name: "invalid_idempotency_key",
        message: "The key must be between 1-256 chars.",
      });
    }
    const slot = `${endpoint} ${key}`;
    const hash = crypto.createHash("sha256").update(canonical(payload)).digest("hex");
    const records = store.state.idempotency;
    const previous = records[slot];
    if (previous && Date.now() - previous.at < IDEMPOTENCY_WINDOW_MS) {
      if (previous.hash !== hash) {
        return sendError(ctx, {
          statusCode: 409,
          name: "invalid_idempotent_request",
          message:
            "Same idempotency key used with a different request payload. Change your idempotency key or payload.",
        });
      }
      return sendJson(ctx.res, 200, previous.response);
    }
    if (inFlight.has(slot)) {
      return sendError(ctx, {
        statusCode: 409,
        name: "concurrent_idempotent_requests",
        message: "Same idempotency key used while original request is still in progress. Try the request again later.",
      });
    }
    inFlight.add(slot);
    try {
      const { status, body } = await work();
      // Only a success is remembered: a failed request may be retried with the same key once fixed.
      if (status === 200) {
        store.state.idempotency[slot] = { hash, response: body, at: Date.now() };
        store.touch(["idempotency", slot]);
      }
      sendJson(ctx.res, status, body);
    } finally {
      inFlight.delete(slot);
    }
  }

  route("POST", "/emails", async (ctx) => {
    const payload = parseJson(ctx.body);
    if (payload === INVALID_JSON)
      return sendError(ctx, { statusCode: 400, name: "validation_error", message: "Invalid JSON in request body." });
    await idempotent(ctx, "POST /emails", payload, async () => {
      const checked = validateEmail(payload);
      if (!checked.ok) return { status: checked.error.statusCode, body: checked.error };
      const sent = await send(ctx, checked.draft, (ctx.req.headers["idempotency-key"] as string | undefined) ?? null);
      if ("statusCode" in sent) return { status: sent.statusCode, body: sent };
      return { status: 200, body: { id: sent.id } };
    });
  });

  // Strict validation (the default) refuses the whole batch on one bad email; permissive sends the good ones.
  route("POST", "/emails/batch", async (ctx) => {
    const payload = parseJson(ctx.body);
    if (!Array.isArray(payload))
      return sendError(ctx, {
        statusCode: 422,
        name: "validation_error",
        message: "The request body must be an array of emails.",
      });
    if (payload.length === 0 || payload.length > MAX_BATCH) {
      return sendError(ctx, {
        statusCode: 422,
        name: "validation_error",
        message: `A batch must contain between 1 and ${MAX_BATCH} emails.`,
      });
    }
    const permissive = ctx.req.headers["x-batch-validation"] === "permissive";
    await idempotent(ctx, "POST /emails/batch", payload, async () => {
      const checked = payload.map((item) => {
        const body = item as Record<string, unknown> | null;
        if (body && (body.attachments !== undefined || body.scheduled_at !== undefined)) {
          return {
            ok: false as const,
            error: {
              statusCode: 422,
              name: "validation_error",
              message: "`attachments` and `scheduled_at` are not supported in batch sending.",
            },
          };
        }
        return validateEmail(item);
      });
      const firstBad = checked.findIndex((c) => !c.ok);
      if (!permissive && firstBad !== -1) {
        const bad = checked[firstBad] as { ok: false; error: ResendError };
        return {
          status: bad.error.statusCode,
          body: { ...bad.error, message: `emails[${firstBad}]: ${bad.error.message}` },
        };
      }
      const data: { id: string }[] = [];
      const errors: { index: number; message: string }[] = [];
      for (const [index, result] of checked.entries()) {
        if (!result.ok) {
          errors.push({ index, message: result.error.message });
          continue;
        }
        const sent = await send(ctx, result.draft, (ctx.req.headers["idempotency-key"] as string | undefined) ?? null);
        if ("statusCode" in sent) errors.push({ index, message: sent.message });
        else data.push({ id: sent.id });
      }
      return { status: 200, body: permissive ? { data, errors } : { data } };
    });
  });

  route("GET", "/emails", ({ res, query }) => {
    const limit = Math.min(Math.max(Number(query.get("limit") ?? 20), 1), 100);
    const all = store.list();
    sendJson(res, 200, {
      object: "list",
      has_more: all.length > limit,
      data: all.slice(0, limit).map((e) => emailResource(store.withBody(e))),
    });
  });

  route("GET", "/emails/:id", (ctx) => {
    const email = store.state.emails[ctx.params.id!];
    if (!email) return sendError(ctx, { statusCode: 404, name: "not_found", message: "Email not found" });
    sendJson(ctx.res, 200, emailResource(store.withBody(email)));
  });

  // ---- control ----------------------------------------------------------------------------------------

  app.control("GET", "/emails", ({ res, query }) => {
    const to = query.get("to")?.toLowerCase();
    const list = store
      .list()
      .filter((e) => !to || [...e.to, ...e.cc, ...e.bcc].some((addr) => addr.toLowerCase().includes(to)))
      .map((e) => controlView(store.withBody(e)));
    sendJson(res, 200, list);
  });

  app.control("GET", "/emails/:id", ({ res, params }) => {
    const email = store.state.emails[params.id!];
    if (!email) return sendJson(res, 404, { error: "no such email" });
    sendJson(
      res,
      200,
      controlView(store.withBody(email), (i) => store.attachmentBytes(email, i)?.toString("base64") ?? null),
    );
  });

  registerInbox(app, store);
}

function controlView(email: EmailRecord, content?: (index: number) => string | null) {
  return {
    id: email.id,
    from: email.from,
    to: email.to,
    cc: email.cc,
    bcc: email.bcc,
    replyTo: email.replyTo,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: email.headers,
    tags: email.tags,
    scheduledAt: email.scheduledAt,
    lastEvent: email.lastEvent,
    attachments: email.attachments.map((a, i) => ({ ...a, ...(content ? { content: content(i) } : {}) })),
    idempotencyKey: email.idempotencyKey,
    createdAt: email.createdAt,
  };
}

const INVALID_JSON = Symbol("invalid json");

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

function isSandboxUrl(url: string, ctx: RequestContext, port: number): boolean {
  const target = new URL(url);
  if (target.host === ctx.req.headers.host) return true;
  return ["127.0.0.1", "localhost", "[::1]"].includes(target.hostname) && Number(target.port || 80) === port;
}
