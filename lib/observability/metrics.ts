// Order, job and webhook figures are read from the database at scrape time, so any instance reports the whole
// shop and nothing is lost on restart.
import client from "prom-client";
import type { Db } from "@/lib/db";
import { circuitSnapshots } from "./circuits";
import { deliveriesSince, oldestUndeliveredSeconds, ordersByStatus, queueState, stripeEventsByType } from "./state";

interface Metrics {
  registry: client.Registry;
  providerRequests: client.Counter<"provider" | "route" | "status">;
  providerDuration: client.Histogram<"provider" | "route">;
  ordersByStatus: client.Gauge<"status">;
  attentionOpen: client.Gauge;
  timeToEsim: client.Histogram;
  webhookEvents: client.Gauge<"source" | "type" | "result">;
  jobsDepth: client.Gauge<"kind" | "status">;
  jobsOldestAge: client.Gauge;
  jobsLag: client.Gauge;
  laneJobs: client.Gauge<"lane" | "status">;
  laneLag: client.Gauge<"lane">;
  laneOldestAge: client.Gauge<"lane">;
  oldestUndelivered: client.Gauge;
  circuitState: client.Gauge<"provider" | "state">;
  deliveredWatermark: string;
}

function build(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "tern_process_" });
  const r = [registry];
  return {
    registry,
    providerRequests: new client.Counter({
      name: "tern_provider_requests_total",
      help: "Calls to providers by provider, route and HTTP status (timeout, network, circuit_open when none)",
      labelNames: ["provider", "route", "status"],
      registers: r,
    }),
    providerDuration: new client.Histogram({
      name: "tern_provider_request_duration_seconds",
      help: "Provider call latency",
      labelNames: ["provider", "route"],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30],
      registers: r,
    }),
    ordersByStatus: new client.Gauge({
      name: "tern_orders",
      help: "Orders by status",
      labelNames: ["status"],
      registers: r,
    }),
    attentionOpen: new client.Gauge({
      name: "tern_attention_open",
      help: "Orders waiting for an admin",
      registers: r,
    }),
    timeToEsim: new client.Histogram({
      name: "tern_time_to_esim_seconds",
      help: "From payment to delivered eSIM, for orders delivered since this process started",
      buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
      registers: r,
    }),
    webhookEvents: new client.Gauge({
      name: "tern_webhook_events",
      help: "Webhook events recorded, by source, type and result",
      labelNames: ["source", "type", "result"],
      registers: r,
    }),
    jobsDepth: new client.Gauge({
      name: "tern_jobs",
      help: "Open and dead jobs by kind and status",
      labelNames: ["kind", "status"],
      registers: r,
    }),
    jobsOldestAge: new client.Gauge({
      name: "tern_jobs_oldest_open_age_seconds",
      help: "Age of the oldest queued or running job",
      registers: r,
    }),
    jobsLag: new client.Gauge({
      name: "tern_jobs_lag_seconds",
      help: "How long the oldest due job has waited to start",
      registers: r,
    }),
    laneJobs: new client.Gauge({
      name: "tern_lane_jobs",
      help: "Open and dead jobs by lane and status",
      labelNames: ["lane", "status"],
      registers: r,
    }),
    laneLag: new client.Gauge({
      name: "tern_lane_lag_seconds",
      help: "How long the oldest due job of each lane has waited to start",
      labelNames: ["lane"],
      registers: r,
    }),
    laneOldestAge: new client.Gauge({
      name: "tern_lane_oldest_open_age_seconds",
      help: "Age of the oldest queued or running job of each lane",
      labelNames: ["lane"],
      registers: r,
    }),
    oldestUndelivered: new client.Gauge({
      name: "tern_oldest_undelivered_paid_order_seconds",
      help: "Age of the oldest paid order not yet delivered",
      registers: r,
    }),
    circuitState: new client.Gauge({
      name: "tern_provider_circuit",
      help: "1 for the current state of each provider's circuit",
      labelNames: ["provider", "state"],
      registers: r,
    }),
    deliveredWatermark: new Date().toISOString(),
  };
}

const slot = globalThis as unknown as { __ternMetrics?: Metrics };
export function metrics(): Metrics {
  slot.__ternMetrics ??= build();
  return slot.__ternMetrics;
}

function routeLabel(method: string, path: string): string {
  const clean = path
    .split("?")[0]!
    .split("/")
    .map((seg) => (/\d/.test(seg) && seg.length >= 6 ? ":id" : seg.length > 40 ? ":id" : seg))
    .join("/");
  return `${method.toUpperCase()} ${clean}`;
}

export function recordProviderCall(provider: string, method: string, path: string, status: string, ms: number) {
  const m = metrics();
  const route = routeLabel(method, path);
  m.providerRequests.inc({ provider, route, status });
  m.providerDuration.observe({ provider, route }, ms / 1000);
}

export async function renderMetrics(db: Db): Promise<{ body: string; contentType: string }> {
  const m = metrics();
  const [orders, queue, events, undelivered, deliveries] = await Promise.all([
    ordersByStatus(db),
    queueState(db),
    stripeEventsByType(db),
    oldestUndeliveredSeconds(db),
    deliveriesSince(db, m.deliveredWatermark),
  ]);
  m.ordersByStatus.reset();
  for (const o of orders) m.ordersByStatus.set({ status: o.status }, o.count);
  m.attentionOpen.set(orders.find((o) => o.status === "needs_attention")?.count ?? 0);
  m.jobsDepth.reset();
  for (const j of queue.depth) m.jobsDepth.set({ kind: j.kind, status: j.status }, j.count);
  m.jobsOldestAge.set(queue.oldestOpenAgeSeconds);
  m.jobsLag.set(queue.lagSeconds);
  m.laneJobs.reset();
  m.laneLag.reset();
  m.laneOldestAge.reset();
  for (const l of queue.lanes) {
    for (const status of ["queued", "running", "dead"] as const) m.laneJobs.set({ lane: l.lane, status }, l[status]);
    m.laneLag.set({ lane: l.lane }, l.lagSeconds);
    m.laneOldestAge.set({ lane: l.lane }, l.oldestOpenAgeSeconds);
  }
  m.oldestUndelivered.set(undelivered);
  m.webhookEvents.reset();
  for (const e of events) m.webhookEvents.set({ source: "stripe", type: e.type, result: e.result }, e.count);
  for (const d of deliveries.durations) m.timeToEsim.observe(Math.max(0, d));
  if (deliveries.newest) m.deliveredWatermark = deliveries.newest;
  m.circuitState.reset();
  for (const c of circuitSnapshots())
    for (const state of ["closed", "open", "half_open"] as const)
      m.circuitState.set({ provider: c.name, state }, c.state === state ? 1 : 0);
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
