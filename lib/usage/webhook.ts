// The callback row and the figures commit together, so a redelivery after a crash is processed, not taken for
// a duplicate.
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { esimCallbacks, esims } from "@/lib/db/schema";
import { InvalidTransitionError, transition } from "@/lib/orders/lifecycle";
import {
  CallbackParseError,
  callbackDedupeKey,
  parseUsageCallback,
  verifyCallbackSignature,
  type UsageCallback,
} from "./callback";
import { recordDueAlerts, sendPendingAlerts } from "./alerts";
import { esimExists, saveCallbackFigures, saveDeletionScheduled } from "./store";

interface CallbackOutcome {
  status: 200 | 400 | 401;
  body: { ok: true; duplicate?: boolean; known?: boolean } | { error: string };
  followUp?: () => Promise<void>;
}

export async function handleEsimGoCallback(
  db: Db,
  rawBody: string,
  signature: string | null,
  apiKey: string,
): Promise<CallbackOutcome> {
  if (!verifyCallbackSignature(rawBody, signature, apiKey))
    return { status: 401, body: { error: "invalid signature" } };
  let cb: UsageCallback;
  try {
    cb = parseUsageCallback(rawBody);
  } catch (err) {
    if (err instanceof CallbackParseError) return { status: 400, body: { error: err.message } };
    throw err;
  }

  const iccid = cb.iccid;
  const known = iccid ? await esimExists(db, iccid) : false;
  const result = await db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(esimCallbacks)
      .values({
        dedupeKey: callbackDedupeKey(cb),
        iccid,
        kind: cb.kind,
        type: cb.kind === "alert" ? cb.alertType : cb.kind === "event" ? cb.event : null,
        bundleReference: cb.kind === "alert" ? (cb.bundle?.reference ?? null) : null,
        body: rawBody,
      })
      .onConflictDoNothing()
      .returning({ id: esimCallbacks.id });
    if (!fresh) return { duplicate: true as const };
    // Another channel of the same eSIM Go organisation: kept in the log only.
    if (!known || !iccid) return { duplicate: false as const };
    if (cb.kind === "alert") {
      const usage = await saveCallbackFigures(tx, iccid, cb.alertType, cb.bundle);
      if (cb.alertType.toLowerCase() === "firstuse") await markInstalled(tx, iccid);
      return { duplicate: false as const, usage, reference: cb.bundle?.reference ?? usage.bundleReference };
    }
    if (cb.kind === "event" && cb.event === "esim.deletion_scheduled") {
      await saveDeletionScheduled(tx, iccid, cb.date ? new Date(cb.date) : new Date());
    }
    return { duplicate: false as const };
  });

  if (result.duplicate) return { status: 200, body: { ok: true, duplicate: true } };
  const usage = "usage" in result ? result.usage : undefined;
  const reference = "reference" in result ? result.reference : undefined;
  return {
    status: 200,
    body: { ok: true, known },
    followUp:
      usage && iccid
        ? async () => {
            await recordDueAlerts(db, usage, reference ? [reference] : undefined);
            await sendPendingAlerts(db, { iccid });
          }
        : undefined,
  };
}

async function markInstalled(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], iccid: string): Promise<void> {
  const [esim] = await tx.select({ orderId: esims.orderId }).from(esims).where(eq(esims.iccid, iccid)).limit(1);
  if (!esim) return;
  try {
    await transition(tx, esim.orderId, "installed", {
      from: ["delivered"],
      detail: { source: "esim-go FirstUse", iccid },
    });
  } catch (err) {
    if (!(err instanceof InvalidTransitionError)) throw err;
  }
}
