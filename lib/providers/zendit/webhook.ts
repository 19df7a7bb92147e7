// Authenticated by a shared-secret header (Zendit signs nothing); a transaction is ours only if we built its id.
import crypto from "node:crypto";
import { env } from "@/lib/env";
import type { PurchaseHint } from "../types";
import { parseTransactionId } from "./transaction-ids";

/** Checked before the body is read, so a stranger's upload costs nothing. */
export function zenditSecretMatches(headers: Headers): boolean {
  const given = headers.get(env().zendit.webhookHeader);
  const expected = env().zendit.webhookSecret;
  if (!given || !expected) return false;
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export function readZenditWebhook(raw: string, headers: Headers): PurchaseHint {
  if (!zenditSecretMatches(headers)) return { kind: "refused", status: 401, error: "unauthorized" };
  let hint: { transactionId?: unknown; status?: unknown };
  try {
    hint = JSON.parse(raw) as typeof hint;
  } catch {
    return { kind: "refused", status: 400, error: "body must be JSON" };
  }
  const transactionId = typeof hint?.transactionId === "string" ? hint.transactionId : "";
  const parsed = parseTransactionId(transactionId);
  if (!parsed) return { kind: "foreign" };
  const claimedStatus = typeof hint.status === "string" ? hint.status.slice(0, 20) : null;
  return { kind: "ours", ...parsed, reference: transactionId, claimedStatus };
}
