// Readiness and metrics against a real money path: a paid order waiting in the queue, then delivered.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDbKinds } from "@/lib/db/testing";
import { jobs } from "@/lib/db/schema";
import { drain, deliverEvent, paidOrder, useHarness } from "@/test/harness";
import { resetEnvCache } from "@/lib/env";
import { enqueue } from "@/lib/jobs/queue";
import { renderMetrics } from "./metrics";
import { metricsAuthorised } from "./metrics-auth";
import { readiness } from "./readiness";
import { jsonError } from "./errors";
import { runWithRequestId } from "./context";

const metric = (text: string, name: string) => {
  const m = new RegExp(`^${name.replace(/[{}"[\]()]/g, "\\$&")} ([0-9.e+-]+)$`, "m").exec(text);
  return m ? Number(m[1]) : undefined;
};

describe.each(testDbKinds())("readiness and metrics (%s)", (kind) => {
  const h = useHarness(kind, { reset: false });

  it("reports a waiting paid order, turns not-ready when the queue lags, and counts the delivery", async () => {
    const { orderId, event } = await paidOrder(h);
    await deliverEvent(event);
    const before = await renderMetrics(h.db);
    expect(metric(before.body, 'tern_orders{status="paid"}')).toBeGreaterThanOrEqual(1);
    expect(metric(before.body, 'tern_jobs{kind="fulfil",status="queued"}')).toBeGreaterThanOrEqual(1);
    expect(
      metric(before.body, 'tern_webhook_events{source="stripe",type="checkout.session.completed",result="processed"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(before.contentType).toContain("text/plain");

    expect((await readiness()).ready).toBe(true);
    // The job has been due for ten minutes and nobody took it: this shop is not keeping up.
    await h.db
      .update(jobs)
      .set({ runAt: sql`now() - interval '10 minutes'` })
      .where(sql`order_id = ${orderId}`);
    const lagging = await readiness();
    expect(lagging.ready).toBe(false);
    expect(lagging.checks.queue).toMatchObject({ ok: false });
    expect(lagging.checks.queue.lagSeconds).toBeGreaterThanOrEqual(599);

    await drain(h.db);
    const after = await renderMetrics(h.db);
    expect(metric(after.body, 'tern_orders{status="delivered"}')).toBeGreaterThanOrEqual(1);
    expect(metric(after.body, "tern_time_to_esim_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(after.body).toMatch(
      /^tern_provider_requests_total\{provider="esim-go",route="POST \/orders",status="200"\} \d+/m,
    );
    expect(after.body).toMatch(/^tern_provider_circuit\{provider="esim-go",state="closed"\} 1$/m);
    // A second scrape does not count the same delivery twice.
    const again = await renderMetrics(h.db);
    expect(metric(again.body, "tern_time_to_esim_seconds_count")).toBe(
      metric(after.body, "tern_time_to_esim_seconds_count"),
    );
    expect((await readiness()).ready).toBe(true);
  });

  it("judges each lane on its own: a reseller's lagging webhooks are reported, never a reason to leave rotation", async () => {
    const { orderId } = await paidOrder(h);
    await enqueue(h.db, "partner_webhook", orderId, { concurrencyKey: "ptn_slow" });
    await h.db
      .update(jobs)
      .set({ runAt: sql`now() - interval '10 minutes'` })
      .where(sql`order_id = ${orderId}`);
    try {
      const ready = await readiness();
      expect(ready.ready).toBe(true);
      expect(ready.checks.queue.lanes?.webhooks).toMatchObject({ judged: false, ok: true, queued: 1 });
      expect(ready.checks.queue.lanes?.webhooks?.lagSeconds).toBeGreaterThanOrEqual(599);
      const { body } = await renderMetrics(h.db);
      expect(metric(body, 'tern_lane_lag_seconds{lane="webhooks"}')).toBeGreaterThanOrEqual(599);
      expect(metric(body, 'tern_lane_jobs{lane="webhooks",status="queued"}')).toBe(1);

      // The same wait in the fulfilment lane is a traveller waiting: not ready.
      await enqueue(h.db, "fulfil", orderId);
      await h.db
        .update(jobs)
        .set({ runAt: sql`now() - interval '10 minutes'` })
        .where(sql`order_id = ${orderId} and kind = 'fulfil'`);
      const lagging = await readiness();
      expect(lagging.ready).toBe(false);
      expect(lagging.checks.queue.lanes?.fulfilment).toMatchObject({ judged: true, ok: false });
    } finally {
      await h.db
        .update(jobs)
        .set({ status: "dead" })
        .where(sql`order_id = ${orderId}`);
    }
  });
});

describe("metrics bearer token", () => {
  it("accepts only the configured token", () => {
    process.env.METRICS_TOKEN = "scrape-me";
    resetEnvCache();
    expect(metricsAuthorised("Bearer scrape-me")).toBe(true);
    expect(metricsAuthorised("bearer scrape-me")).toBe(true);
    expect(metricsAuthorised("Bearer scrape-me ")).toBe(true);
    expect(metricsAuthorised("Bearer scrape-mE")).toBe(false);
    expect(metricsAuthorised("scrape-me")).toBe(false);
    expect(metricsAuthorised(null)).toBe(false);
    delete process.env.METRICS_TOKEN;
    resetEnvCache();
  });
});

describe("jsonError", () => {
  it("answers { error: { code, message, requestId } } with the request's id in body and header", async () => {
    const res = await runWithRequestId("req-abc-123456", () => jsonError("not_found", 404));
    expect(res.status).toBe(404);
    expect(res.headers.get("x-request-id")).toBe("req-abc-123456");
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: "Nothing here.", requestId: "req-abc-123456" },
    });
  });

  it("makes up an id outside a request, never an empty one", async () => {
    const body = (await (await jsonError("bad_request", 400, "nope")).json()) as { error: { requestId: string } };
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
