// Payloads have secrets removed; writing the log never fails the work it records.
import type { Db, Tx } from "@/lib/db";
import { provisioningLog } from "@/lib/db/schema";
import type { EsimProvider } from "@/lib/providers/types";
import { redactValue, safeError } from "@/lib/observability/redact";
import { log } from "@/lib/observability/logger";

interface LogEntry {
  orderId?: string | null;
  inventoryId?: number | null;
  source: "stock" | "provider" | "prebuy" | "import";
  action: string;
  outcome: string;
  payload?: unknown;
  error?: unknown;
}

function values(e: LogEntry) {
  return {
    orderId: e.orderId ?? null,
    inventoryId: e.inventoryId ?? null,
    source: e.source,
    action: e.action,
    outcome: e.outcome,
    payload: e.payload === undefined ? null : (redactValue(e.payload) as Record<string, unknown>),
    error: e.error === undefined ? null : safeError(e.error),
  };
}

export async function logInTx(tx: Tx | Db, entry: LogEntry): Promise<void> {
  await tx.insert(provisioningLog).values(values(entry));
}

export async function logStock(db: Db, entry: LogEntry): Promise<void> {
  try {
    await db.insert(provisioningLog).values(values(entry));
  } catch (err) {
    log.error({ err, orderId: entry.orderId }, "provisioning log entry not written");
  }
}

export function loggedProvider(db: Db, orderId: string, provider: EsimProvider): EsimProvider {
  const record = async <T>(action: string, request: unknown, call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      const r = result as { state?: string; kind?: string; reference?: string; reason?: string } | undefined;
      await logStock(db, {
        orderId,
        source: "provider",
        action,
        outcome: r?.state ?? r?.kind ?? "ok",
        payload: { provider: provider.name, request, result },
      });
      return result;
    } catch (err) {
      await logStock(db, {
        orderId,
        source: "provider",
        action,
        outcome: "error",
        payload: { provider: provider.name, request },
        error: err,
      });
      throw err;
    }
  };
  return {
    ...provider,
    startPurchase: (input) => record("purchase", input, () => provider.startPurchase(input)),
    checkPurchase: (input) => record("check", input, () => provider.checkPurchase(input)),
    findUnknownAttempt: (input) => {
      const { alreadyLinked: _ignored, ...request } = input;
      return record("lookup", request, () => provider.findUnknownAttempt(input));
    },
  };
}
