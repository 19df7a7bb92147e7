// Control API under /_sandbox: plain JSON for tests and benchmarks. Services add their own routes here
// (ledgers, pay a session, advance usage); this file holds the ones common to all.
import type { SandboxApp } from "./server";
import { sendJson } from "./core/http";
import type { FaultSpec } from "./core/faults";

const SERVICES = ["stripe", "esim-go", "zendit", "storage", "resend", "ecb"] as const;

export function parseJson<T = Record<string, unknown>>(body: Buffer): T {
  if (!body.length) return {} as T;
  return JSON.parse(body.toString("utf8")) as T;
}

export function registerControl(app: SandboxApp, reset: () => void): void {
  app.control("POST", "/reset", ({ res }) => {
    reset();
    app.router.requestLog.length = 0;
    sendJson(res, 200, { ok: true });
  });

  // Every request the services received (newest 20,000), with the status each was answered: `?service=`.
  app.control("GET", "/requests", ({ res, query }) => {
    const service = query.get("service");
    sendJson(res, 200, { requests: app.router.requestLog.filter((r) => !service || r.service === service) });
  });
  app.control("DELETE", "/requests", ({ res }) => {
    app.router.requestLog.length = 0;
    sendJson(res, 200, { ok: true });
  });

  app.control("GET", "/faults", ({ res }) => sendJson(res, 200, { faults: app.faults.active() }));
  app.control("POST", "/faults", ({ res, body }) => {
    const input = parseJson<FaultSpec | FaultSpec[]>(body);
    const specs = Array.isArray(input) ? input : [input];
    for (const spec of specs) {
      if (!SERVICES.includes(spec.service as (typeof SERVICES)[number])) {
        return sendJson(res, 400, { error: `service must be one of ${SERVICES.join(", ")}` });
      }
    }
    sendJson(res, 200, { faults: specs.map((s) => app.faults.add(s)) });
  });
  app.control("DELETE", "/faults", ({ res }) => {
    app.faults.clear();
    sendJson(res, 200, { ok: true });
  });

  // { "service": "esim-go" | "*", "ms": 40 } or { "esim-go": 40, "stripe": 10 }
  app.control("POST", "/latency", ({ res, body }) => {
    const input = parseJson<Record<string, unknown>>(body);
    if (typeof input.service === "string") app.faults.setLatency(input.service, Number(input.ms ?? 0));
    else for (const [service, ms] of Object.entries(input)) app.faults.setLatency(service, Number(ms));
    sendJson(res, 200, { latency: app.faults.latencies() });
  });

  // Point outbound deliveries somewhere else at run time (tests start the app on a free port).
  app.control("GET", "/config", ({ res }) => sendJson(res, 200, publicConfig(app)));
  app.control("POST", "/config", ({ res, body }) => {
    const input = parseJson<{
      stripe?: {
        webhookUrl?: string | null;
        webhookEvents?: string[];
        retryDelaysMs?: number[];
        issuingAuthorizationUrl?: string | null;
      };
      esimGo?: { callbackUrl?: string | null; rateLimit?: boolean };
      zendit?: { webhookUrl?: string | null; stepDelayMs?: number };
    }>(body);
    const c = app.config;
    if (input.stripe?.webhookUrl !== undefined) c.stripe.webhookUrl = input.stripe.webhookUrl ?? undefined;
    if (input.stripe?.webhookEvents) c.stripe.webhookEvents = input.stripe.webhookEvents;
    if (input.stripe?.retryDelaysMs) c.stripe.retryDelaysMs = input.stripe.retryDelaysMs;
    if (input.stripe?.issuingAuthorizationUrl !== undefined)
      c.stripe.issuingAuthorizationUrl = input.stripe.issuingAuthorizationUrl ?? undefined;
    if (input.esimGo?.callbackUrl !== undefined) c.esimGo.callbackUrl = input.esimGo.callbackUrl ?? undefined;
    if (input.esimGo?.rateLimit !== undefined) c.esimGo.rateLimit = input.esimGo.rateLimit;
    if (input.zendit?.webhookUrl !== undefined) c.zendit.webhookUrl = input.zendit.webhookUrl ?? undefined;
    if (input.zendit?.stepDelayMs !== undefined) c.zendit.stepDelayMs = input.zendit.stepDelayMs;
    sendJson(res, 200, publicConfig(app));
  });
}

function publicConfig(app: SandboxApp) {
  const c = app.config;
  return {
    stripe: {
      webhookUrl: c.stripe.webhookUrl ?? null,
      webhookEvents: c.stripe.webhookEvents,
      retryDelaysMs: c.stripe.retryDelaysMs,
      issuingAuthorizationUrl: c.stripe.issuingAuthorizationUrl ?? null,
    },
    esimGo: { callbackUrl: c.esimGo.callbackUrl ?? null, rateLimit: c.esimGo.rateLimit },
    zendit: { webhookUrl: c.zendit.webhookUrl ?? null, stepDelayMs: c.zendit.stepDelayMs },
  };
}
