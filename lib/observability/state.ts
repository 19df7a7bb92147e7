// Times from the database clock, so instances with skewed clocks agree.
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";

export interface LaneState {
  lane: string;
  queued: number;
  running: number;
  dead: number;
  lagSeconds: number;
  oldestOpenAgeSeconds: number;
}

interface QueueState {
  depth: { kind: string; status: string; count: number }[];
  lagSeconds: number;
  oldestOpenAgeSeconds: number;
  lanes: LaneState[];
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

export async function queueState(db: Db): Promise<QueueState> {
  const depth = await rows<{ kind: string; status: string; count: string }>(
    db,
    sql`select kind, status, count(*)::text as count from jobs where status <> 'done' group by kind, status`,
  );
  const [ages] = await rows<{ lag: string | null; oldest: string | null }>(
    db,
    sql`select
          extract(epoch from now() - min(run_at) filter (where status = 'queued' and run_at <= now()))::text as lag,
          extract(epoch from now() - min(created_at) filter (where status in ('queued', 'running')))::text as oldest
        from jobs where status in ('queued', 'running')`,
  );
  const lanes = await rows<{
    lane: string;
    queued: string;
    running: string;
    dead: string;
    lag: string | null;
    oldest: string | null;
  }>(
    db,
    sql`select lane,
          count(*) filter (where status = 'queued')::text as queued,
          count(*) filter (where status = 'running')::text as running,
          count(*) filter (where status = 'dead')::text as dead,
          extract(epoch from now() - min(run_at) filter (where status = 'queued' and run_at <= now()))::text as lag,
          extract(epoch from now() - min(created_at) filter (where status in ('queued', 'running')))::text as oldest
        from jobs where status <> 'done' group by lane order by lane`,
  );
  return {
    lanes: lanes.map((l) => ({
      lane: l.lane,
      queued: num(l.queued),
      running: num(l.running),
      dead: num(l.dead),
      lagSeconds: Math.max(0, num(l.lag)),
      oldestOpenAgeSeconds: Math.max(0, num(l.oldest)),
    })),
    depth: depth.map((r) => ({ kind: r.kind, status: r.status, count: num(r.count) })),
    lagSeconds: Math.max(0, num(ages?.lag)),
    oldestOpenAgeSeconds: Math.max(0, num(ages?.oldest)),
  };
}

export async function oldestUndeliveredSeconds(db: Db): Promise<number> {
  const [row] = await rows<{ age: string | null }>(
    db,
    sql`select extract(epoch from now() - min(paid_at))::text as age from orders where status in ('paid', 'provisioning')`,
  );
  return Math.max(0, num(row?.age));
}

export async function ordersByStatus(db: Db): Promise<{ status: string; count: number }[]> {
  const r = await rows<{ status: string; count: string }>(
    db,
    sql`select status, count(*)::text as count from orders group by status`,
  );
  return r.map((x) => ({ status: x.status, count: num(x.count) }));
}

export async function stripeEventsByType(db: Db): Promise<{ type: string; result: string; count: number }[]> {
  const r = await rows<{ type: string; result: string; count: string }>(
    db,
    sql`select type, case when processed_at is null then 'received' else 'processed' end as result, count(*)::text as count
        from stripe_events group by 1, 2`,
  );
  return r.map((x) => ({ type: x.type, result: x.result, count: num(x.count) }));
}

/** `since` as the database printed it: a JS Date would drop microseconds and count the newest delivery twice. */
export async function deliveriesSince(
  db: Db,
  since: string,
  limit = 10_000,
): Promise<{ durations: number[]; newest: string | null }> {
  const r = await rows<{ seconds: string; delivered_at: string }>(
    db,
    sql`select extract(epoch from delivered_at - paid_at)::text as seconds, delivered_at::text as delivered_at
        from orders where delivered_at > ${since}::timestamptz and paid_at is not null
        order by delivered_at limit ${limit}`,
  );
  return { durations: r.map((x) => num(x.seconds)), newest: r.at(-1)?.delivered_at ?? null };
}
