// The database goes away mid-storm, on a cluster the suite created itself (never one it did not create):
//  - restart: PostgreSQL is stopped while paid orders are being fulfilled, readiness must say 503, webhooks
//    arriving meanwhile must get a 5xx (Stripe retries) or a 200, then it starts again;
//  - kill: every one of the app's server connections is terminated (pg_terminate_backend) again and again,
//    mid-transaction, while the fulfilment runs and webhooks keep arriving.
// Afterwards every paid order is delivered exactly once, no job is left behind or dead, every pooled
// connection works again, and no instance was restarted.
import type { Cluster } from "@/scripts/lib/postgres-cluster";
import type { Stack } from "@/scripts/lib/processes";
import { checkJobsDrained, checkRecovered, readyUntil } from "./checks";
import {
  database,
  deliverEvent,
  expect,
  pool,
  sandboxControl,
  sleep,
  Tally,
  type Part,
  type SandboxEvent,
  type Sql,
} from "./harness";
import { storm } from "./storm";

async function paidEvents(stack: Stack): Promise<SandboxEvent[]> {
  const { events } = await sandboxControl(stack.sandboxUrl)<{ events: SandboxEvent[] }>("GET", "/stripe/events");
  return events.filter((e) => e.type === "checkout.session.completed");
}

/** Webhooks during an outage: each must be answered 2xx or 5xx (never a 4xx that Stripe would not retry). */
function checkOutageAnswers(part: Part, outage: Tally, label: string) {
  const fourXx = outage.count((s) => s >= 400 && s < 500);
  part.figures[`${label}Webhooks`] = outage.summary() + (outage.noAnswer ? ` noAnswer×${outage.noAnswer}` : "");
  expect(part, fourXx === 0, `${fourXx} webhooks during the outage got a 4xx (Stripe would not retry them)`);
  expect(part, outage.noAnswer === 0, `${outage.noAnswer} webhooks during the outage got no answer within 60 s`);
}

export async function databaseRestart(stack: Stack, sql: Sql, cluster: Cluster, n: number): Promise<Part> {
  const outage = new Tally();
  let readyWhileDown: number | null = null;
  const pids = stack.apps.map((a) => a.child.pid);
  const part = await storm(stack, sql, {
    name: `database restart (${n} orders, PostgreSQL stopped mid-storm)`,
    n,
    horizonMs: 180_000,
    midStorm: async (s) => {
      await sleep(300);
      const events = await paidEvents(s);
      const [row] = await sql<{ delivered: string }[]>`
        select count(*) filter (where status = 'delivered')::text as delivered from orders`;
      const tDown = Date.now();
      cluster.stop();
      const stoppedMs = Date.now() - tDown;
      // Readiness must notice: the database check fails and the instance leaves rotation.
      const down = await readyUntil(s.appUrl, (r) => r.status === 503, 20_000);
      readyWhileDown = down.last.status;
      // Stripe keeps delivering while we are down: these must be refused with a 5xx, never acknowledged falsely.
      await pool(events.slice(0, 20), 8, (e) => deliverEvent(outage, s.appUrl, e));
      const downFor = Date.now() - tDown;
      if (downFor < 5000) await sleep(5000 - downFor);
      cluster.start();
      const back = await readyUntil(s.appUrl, (r) => r.status === 200 || r.body?.checks?.database?.ok === true, 60_000);
      return {
        atStop: `${row!.delivered} delivered`,
        stopMs: stoppedMs,
        downMs: Date.now() - tDown - (back.ms ?? 0),
        readyWhileDown: readyWhileDown ?? "none",
        dbBackAfterMs: back.ms ?? "never",
      };
    },
  });
  expect(part, readyWhileDown === 503, `/api/health/ready answered ${readyWhileDown} while the database was down`);
  checkOutageAnswers(part, outage, "outage");
  await checkJobsDrained(sql, part);
  await checkRecovered(stack, part, pids);
  return part;
}

export async function databaseKill(stack: Stack, sql: Sql, dbName: string, dbUrl: string, n: number): Promise<Part> {
  const outage = new Tally();
  const pids = stack.apps.map((a) => a.child.pid);
  const killer = database(dbUrl);
  let terminated = 0;
  let rounds = 0;
  try {
    const part = await storm(stack, sql, {
      name: `connections killed (${n} orders, pg_terminate_backend mid-transaction)`,
      n,
      horizonMs: 180_000,
      midStorm: async (s) => {
        const events = await paidEvents(s);
        const deliveries = pool(events, 8, (e) => deliverEvent(outage, s.appUrl, e));
        // Every 300 ms for 6 s: each of the app's backends is terminated, whatever it is doing.
        const tKill = Date.now();
        let midTransaction = 0;
        while (Date.now() - tKill < 6000) {
          const rows = await killer<{ killed: boolean; state: string | null }[]>`
            select pg_terminate_backend(pid) as killed, state from pg_stat_activity
            where datname = ${dbName} and pid <> pg_backend_pid()
              and coalesce(application_name, '') not like 'tern-reliability%'`;
          terminated += rows.filter((r) => r.killed).length;
          midTransaction += rows.filter((r) => r.killed && r.state?.startsWith("idle in transaction")).length;
          midTransaction += rows.filter((r) => r.killed && r.state === "active").length;
          rounds++;
          await sleep(300);
        }
        await deliveries;
        return { rounds, terminated, activeOrInTransactionWhenKilled: midTransaction };
      },
    });
    expect(part, terminated > 0, "no backend of the app was terminated (the part proved nothing)");
    checkOutageAnswers(part, outage, "duringKills");
    await checkJobsDrained(sql, part);
    await checkRecovered(stack, part, pids);
    return part;
  } finally {
    await killer.end({ timeout: 5 });
  }
}
