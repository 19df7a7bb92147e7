// Provider circuits and the webhook lane are reported, not judged: taking this instance out of rotation would
// help neither a provider's outage nor a reseller's slow receiver.
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { circuitSnapshots, type CircuitSnapshot } from "./circuits";
import { log } from "./logger";
import { oldestUndeliveredSeconds, queueState } from "./state";

const REPORTED_ONLY = new Set(["webhooks"]);

interface LaneReadiness {
  ok: boolean;
  judged: boolean;
  lagSeconds: number;
  oldestOpenAgeSeconds: number;
  queued: number;
  running: number;
}

export interface Readiness {
  ready: boolean;
  checks: {
    database: { ok: boolean; ms?: number; error?: string };
    queue: {
      ok: boolean;
      lagSeconds?: number;
      maxLagSeconds: number;
      oldestOpenAgeSeconds?: number;
      lanes?: Record<string, LaneReadiness>;
    };
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
    const lanes: Record<string, LaneReadiness> = {};
    for (const l of queue.lanes) {
      const judged = !REPORTED_ONLY.has(l.lane);
      lanes[l.lane] = {
        ok: !judged || l.lagSeconds <= o.readyMaxQueueLagSeconds,
        judged,
        lagSeconds: Math.round(l.lagSeconds),
        oldestOpenAgeSeconds: Math.round(l.oldestOpenAgeSeconds),
        queued: l.queued,
        running: l.running,
      };
    }
    const judged = queue.lanes.filter((l) => !REPORTED_ONLY.has(l.lane));
    result.checks.queue = {
      ok: Object.values(lanes).every((l) => l.ok),
      lagSeconds: Math.round(Math.max(0, ...judged.map((l) => l.lagSeconds))),
      maxLagSeconds: o.readyMaxQueueLagSeconds,
      oldestOpenAgeSeconds: Math.round(Math.max(0, ...judged.map((l) => l.oldestOpenAgeSeconds))),
      lanes,
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
