import { describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { testDbKinds } from "@/lib/db/testing";
import { GET as getStatus } from "@/app/api/orders/[id]/status/route";
import { waitForOrderStatus } from "@/lib/orders/queries";
import { deliverEvent, drain, paidOrder, useHarness } from "@/test/harness";

vi.mock("@/lib/auth", () => ({ currentUser: async () => null }));

let ipN = 0;
const statusRequest = (orderId: string, query: string, signal?: AbortSignal) =>
  getStatus(
    new NextRequest(`http://localhost/api/orders/${orderId}/status?${query}`, {
      headers: { "x-forwarded-for": `192.0.2.${++ipN % 250}` },
      signal,
    }),
    { params: Promise.resolve({ id: orderId }) },
  );

describe.each(testDbKinds())("waiting for an order's progress on %s", (kind) => {
  const h = useHarness(kind);

  it("answers a held request with the new progress as soon as the eSIM is delivered", async () => {
    const { orderId, sessionId, event } = await paidOrder(h);
    await deliverEvent(event);
    const held = statusRequest(orderId, `session_id=${sessionId}&wait=payment_confirmed`);
    await drain(h.db);
    const res = await held;
    expect(res.status).toBe(200);
    // The first move answers the held request: buying (provisioning) or, if the worker was quicker, ready.
    const first = (await res.json()) as { progress: string };
    expect(["buying", "ready"]).toContain(first.progress);
    const after = first.progress === "buying" ? `&wait=buying` : "";
    expect(await (await statusRequest(orderId, `session_id=${sessionId}${after}`)).json()).toMatchObject({
      progress: "ready",
    });
  });

  it("answers with the unchanged progress when nothing moves before the timeout", async () => {
    const { orderId, sessionId, event } = await paidOrder(h);
    await deliverEvent(event);
    const status = await waitForOrderStatus(orderId, { checkoutSessionId: sessionId }, "payment_confirmed", {
      timeoutMs: 400,
      intervalMs: 50,
    });
    expect(status).toMatchObject({ progress: "payment_confirmed" });
  });

  it("stops waiting when the caller goes away", async () => {
    const { orderId, sessionId, event } = await paidOrder(h);
    await deliverEvent(event);
    const controller = new AbortController();
    const waiting = waitForOrderStatus(orderId, { checkoutSessionId: sessionId }, "payment_confirmed", {
      timeoutMs: 60_000,
      intervalMs: 50,
      signal: controller.signal,
    });
    controller.abort();
    expect(await waiting).toMatchObject({ progress: "payment_confirmed" });
  });

  it("holds nothing for a stranger: a wrong session id is a 404 at once, a bad wait value a 400", async () => {
    const { orderId, sessionId, event } = await paidOrder(h);
    await deliverEvent(event);
    const stranger = await waitForOrderStatus(orderId, { checkoutSessionId: `${sessionId}x` }, "payment_confirmed", {
      timeoutMs: 60_000,
    });
    expect(stranger).toBeNull();
    expect((await statusRequest(orderId, `session_id=${sessionId}x&wait=payment_confirmed`)).status).toBe(404);
    const bad = await statusRequest(orderId, `session_id=${sessionId}&wait=delivered%00`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request" } });
  });
});
