// Checks shared by the database, outage and soak parts: the queue drained, readiness, the app's connections.
import type { Stack } from "@/scripts/lib/processes";
import { call, expect, until, type Part, type Sql, type Tally } from "./harness";

export interface ReadyAnswer {
  status: number | null;
  body: {
    ready?: boolean;
    checks?: {
      database?: { ok: boolean };
      queue?: { ok: boolean; lagSeconds?: number; oldestOpenAgeSeconds?: number };
      undelivered?: { ok: boolean; oldestPaidSeconds?: number };
    };
    circuits?: { name: string; state: string }[];
  } | null;
}

export async function ready(appUrl: string, tally: Tally | null = null): Promise<ReadyAnswer> {
  const res = await call(tally, "GET /api/health/ready", `${appUrl}/api/health/ready`, {}, 15_000);
  let body: ReadyAnswer["body"] = null;
  try {
    body = JSON.parse(res.text) as ReadyAnswer["body"];
  } catch {
    // not JSON (no answer)
  }
  return { status: res.status, body };
}

/** Polls readiness until `want` says yes; returns how long it took, or null at the deadline. */
export async function readyUntil(
  appUrl: string,
  want: (r: ReadyAnswer) => boolean,
  timeoutMs: number,
): Promise<{ ms: number | null; last: ReadyAnswer }> {
  let last: ReadyAnswer = { status: null, body: null };
  const ms = await until(
    async () => {
      last = await ready(appUrl);
      return want(last);
    },
    timeoutMs,
    250,
  );
  return { ms: want(last) ? ms : null, last };
}

/**
 * No job left behind: every job ends `done` (none queued, running or dead) within `timeoutMs` of the orders
 * settling. Reports the jobs by status and how many needed more than one run.
 */
// 90 s: a job whose worker lost its connection while finishing stays `running` until its 60 s lease runs out and
// another worker takes it; it is left behind only if it is still open after that.
export async function checkJobsDrained(sql: Sql, part: Part, timeoutMs = 90_000): Promise<void> {
  let open = 0;
  let planned = 0;
  await until(async () => {
    // A purchase audit is queued ten minutes ahead on purpose (an attempt concluded "not bought" is looked
    // for once more): planned, not left behind. Every other open job is.
    const [row] = await sql<{ open: string; planned: string }[]>`
      select count(*) filter (where not (kind = 'purchase_audit' and status = 'queued' and run_at > now()))::text as open,
             count(*) filter (where kind = 'purchase_audit' and status = 'queued' and run_at > now())::text as planned
      from jobs where status in ('queued', 'running')`;
    open = Number(row!.open);
    planned = Number(row!.planned);
    return open === 0;
  }, timeoutMs);
  if (planned) part.figures.plannedAudits = planned;
  const rows = await sql<{ status: string; n: string; retried: string }[]>`
    select status, count(*)::text as n, count(*) filter (where attempts > 1)::text as retried
    from jobs group by status order by status`;
  part.figures.jobs = rows.map((r) => `${r.status}:${r.n}`).join(",") || "none";
  part.figures.jobsRunMoreThanOnce = rows.reduce((n, r) => n + Number(r.retried), 0);
  const dead = Number(rows.find((r) => r.status === "dead")?.n ?? 0);
  expect(part, open === 0, `${open} jobs still queued or running ${timeoutMs} ms after the orders settled`);
  expect(part, dead === 0, `${dead} jobs dead`);
}

/** Server connections to `database` (pg_stat_activity), excluding the suite's own. */
export async function appConnections(sql: Sql, database: string): Promise<number> {
  const [row] = await sql<{ n: string }[]>`
    select count(*)::text as n from pg_stat_activity
    where datname = ${database} and pid <> pg_backend_pid() and coalesce(application_name, '') not like 'tern-reliability%'`;
  return Number(row!.n);
}

/** The app answers database-backed requests again, with no instance restarted. */
export async function checkRecovered(stack: Stack, part: Part, pids: (number | undefined)[]): Promise<void> {
  const back = await readyUntil(stack.appUrl, (r) => r.status === 200, 60_000);
  expect(part, back.ms !== null, `/api/health/ready did not answer 200 again (last ${back.last.status})`);
  // Every connection the pool holds must work: more concurrent reads than the pool has connections.
  const answers = await Promise.all(Array.from({ length: 30 }, () => ready(stack.appUrl)));
  const bad = answers.filter((a) => a.status !== 200).length;
  part.figures.readsAfter = `${answers.length - bad}/${answers.length} ok`;
  expect(part, bad === 0, `${bad} of ${answers.length} readiness reads failed after the database came back`);
  const samePids = stack.apps.every((a, i) => a.child.pid === pids[i] && a.child.exitCode === null);
  expect(part, samePids, "an app instance exited or was restarted");
}
