// Simulated data use and the V3 usage callbacks it triggers (`FirstUse`, then `Utilisation` at 1/50/80/100 %
// used), each signed with X-Signature-SHA256 = HMAC-SHA256(raw body, API key) and delivered with retries.
import { createHmac } from "node:crypto";
import type { SandboxApp } from "../server";
import { deliver } from "../core/deliver";
import { findBundle } from "../data/catalogue";
import { EsimGoError } from "./orders";
import { bundleState, esimGoState, NS, type Assignment, type CallbackRecord, type Esim } from "./state";

export const UTILISATION_THRESHOLDS = [1, 50, 80, 100];
const DAY_MS = 86_400_000;

export function sign(body: string, key: string, encoding: "base64" | "hex"): string {
  return createHmac("sha256", key).update(body).digest(encoding);
}

/** The assignment data use lands on: the named bundle's latest live one, else the one running now, else the
 *  oldest waiting (it starts with this use). */
function pickAssignment(app: SandboxApp, esim: Esim, bundle?: string): Assignment {
  const processingMs = esimGoState(app).settings.assignmentDelayMs;
  const live = esim.assignments.filter(
    (a) => !["depleted", "expired", "revoked"].includes(bundleState(a, processingMs)),
  );
  const found = bundle
    ? live.filter((a) => a.bundle === bundle).at(-1)
    : (live.find((a) => bundleState(a, processingMs) === "active") ?? live[0]);
  if (!found)
    throw new EsimGoError(
      400,
      bundle ? `No live assignment of ${bundle} on eSIM ${esim.iccid}` : `eSIM ${esim.iccid} has no live bundle`,
    );
  return found;
}

export function recordUsage(app: SandboxApp, iccid: string, usedBytes: number, bundle?: string) {
  const state = esimGoState(app);
  const esim = state.esims[iccid];
  if (!esim) throw new EsimGoError(400, `Unknown ICCID ${iccid}`);
  if (!Number.isFinite(usedBytes) || usedBytes < 0)
    throw new EsimGoError(400, "usedBytes must be a non-negative number");
  const a = pickAssignment(app, esim, bundle);
  const now = new Date();
  const sent: CallbackRecord[] = [];

  if (!a.startTime) {
    a.startTime = now.toISOString();
    a.endTime = new Date(now.getTime() + a.durationDays * DAY_MS).toISOString();
    if (esim.profileStatus !== "Installed") {
      esim.profileStatus = "Installed";
      esim.firstInstalledDateTime ??= now.toISOString();
    }
    sent.push(emit(app, esim, a, "FirstUse"));
  }
  if (!a.unlimited) {
    a.remainingBytes = Math.max(0, a.remainingBytes - Math.round(usedBytes));
    const usedPercent = ((a.initialBytes - a.remainingBytes) / a.initialBytes) * 100;
    for (const threshold of UTILISATION_THRESHOLDS) {
      if (usedPercent >= threshold && !a.alertsSent.includes(threshold)) {
        a.alertsSent.push(threshold);
        if (threshold === 100) a.depleted = true;
        sent.push(emit(app, esim, a, "Utilisation"));
      }
    }
  }
  app.store.touch(NS);
  return { assignment: a, callbacks: sent };
}

/** Builds, records and sends one callback. The URL, key and encoding are read now, not at start-up, so tests
 *  can point the sandbox at a server they start later. */
function emit(app: SandboxApp, esim: Esim, a: Assignment, alertType: CallbackRecord["alertType"]): CallbackRecord {
  const state = esimGoState(app);
  const payload = {
    iccid: esim.iccid, // a JSON string: 19-digit ICCIDs do not survive as JSON numbers
    alertType,
    bundle: {
      id: a.id,
      reference: a.reference,
      name: a.bundle,
      description: findBundle(a.bundle)?.description ?? a.bundle,
      initialQuantity: a.initialBytes,
      remainingQuantity: a.remainingBytes,
      startTime: a.startTime,
      endTime: a.endTime,
      unlimited: a.unlimited,
    },
  };
  const body = JSON.stringify(payload);
  const encoding = state.settings.signatureEncoding;
  const record: CallbackRecord = {
    id: state.nextCallbackId++,
    at: new Date().toISOString(),
    url: app.config.esimGo.callbackUrl ?? null,
    iccid: esim.iccid,
    alertType,
    body,
    signature: sign(body, app.config.esimGo.apiKey, encoding),
    encoding,
    attempts: [],
  };
  state.callbacks.push(record);
  if (record.url) {
    deliver({
      url: record.url,
      headers: { "x-signature-sha256": record.signature, "user-agent": "eSIMGo-Sandbox-Callbacks/1.0" },
      body: () => ({ body }),
      retryDelaysMs: state.settings.callbackRetryDelaysMs,
      timeoutMs: app.config.deliveryTimeoutMs,
      onAttempt: (attempt) => {
        // Re-read: a reset since sending replaces the document, and a stale record must not be written to.
        const current = esimGoState(app).callbacks.find((c) => c.id === record.id && c.body === body);
        if (!current) return;
        current.attempts.push(attempt);
        app.store.touch(NS);
      },
    });
  }
  return record;
}
