// Readiness: can this instance do its job right now? The database must answer, the queue must be draining
// and no paid order may wait too long for its eSIM. Provider circuits are reported, not judged: an open
// circuit is the provider's outage, and taking this instance out of rotation would not help it.
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { circuitSnapshots, type CircuitSnapshot } from "./circuits";
import { log } from "./logger";
import { oldestUndeliveredSeconds, queueState } from "./state";

export interface Readiness {
  ready: boolean;
  checks: {
    database: { ok: boolean; ms?: number; error?: string };
    queue: { ok: boolean; lagSeconds?: number; maxLagSeconds: number; oldestOpenAgeSeconds?: number };
    undelivered: { ok: boolean; oldestPaidSeconds?: number; maxSeconds: number };
  };
  circuits: CircuitSnapshot[];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

export async function readiness(timeoutMs = 3000): Promise<Readiness> {
  const o = env().observability;
  const maxUndelivered = o.readyMaxUndeliveredMinutes * 60;
  const result: Readiness = {
    ready: false,
    checks: {
      database: { ok: false },
      queue: { ok: false, maxLagSeconds: o.readyMaxQueueLagSeconds },
      undelivered: { ok: false, maxSeconds: maxUndelivered },
    },
    circuits: circuitSnapshots(),
  };
  try {
    const started = performance.now();
    const db = await withTimeout(getDb(), timeoutMs);
    await withTimeout(db.execute(sql`select 1`), timeoutMs);
    result.checks.database = { ok: true, ms: Math.round(performance.now() - started) };
    const [queue, undelivered] = await withTimeout(
      Promise.all([queueState(db), oldestUndeliveredSeconds(db)]),
      timeoutMs,
    );
    result.checks.queue = {
      ok: queue.lagSeconds <= o.readyMaxQueueLagSeconds,
      lagSeconds: Math.round(queue.lagSeconds),
      maxLagSeconds: o.readyMaxQueueLagSeconds,
      oldestOpenAgeSeconds: Math.round(queue.oldestOpenAgeSeconds),
    };
    result.checks.undelivered = {
      ok: undelivered <= maxUndelivered,
      oldestPaidSeconds: Math.round(undelivered),
      maxSeconds: maxUndelivered,
    };
  } catch (err) {
    log.error({ err }, "readiness check failed");
    if (!result.checks.database.ok) result.checks.database = { ok: false, error: "unavailable" };
  }
  const c = result.checks;
  result.ready = c.database.ok && c.queue.ok && c.undelivered.ok;
  return result;
}
