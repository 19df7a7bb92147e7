// A provider's callback that waits on a down database is answered 503 at the deadline (the sender retries, and a
// retry of work that did commit is a duplicate), and the late work still finishes what it started.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WEBHOOK_DEADLINE_MS } from "@/lib/http/deadline";

const hold = vi.hoisted(() => ({ release: (): void => {}, followUps: 0, kicks: 0 }));
const held = <T>(value: T) => new Promise<T>((resolve) => (hold.release = () => resolve(value)));

vi.mock("@/lib/db", () => ({ getDb: async () => ({}) }));
vi.mock("@/lib/usage/webhook", () => ({
  handleEsimGoCallback: () =>
    held({ status: 200, body: { received: true }, followUp: async () => void (hold.followUps += 1) }),
}));
vi.mock("@/lib/fulfilment/purchase-webhook", () => ({
  purchaseWebhookAuthentic: () => true,
  handlePurchaseWebhook: () => held({ status: 200, body: { received: true }, kick: true }),
}));
vi.mock("@/lib/jobs/worker", () => ({ kickWorker: () => void (hold.kicks += 1) }));

beforeEach(() => {
  vi.useFakeTimers();
  hold.followUps = 0;
  hold.kicks = 0;
});
afterEach(() => vi.useRealTimers());

const post = () =>
  new Request("http://localhost/api/webhooks/x", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ iccid: "8900000000000000001" }),
  });

describe.each([
  ["esim-go", () => import("./esim-go/route"), () => hold.followUps],
  ["zendit", () => import("./zendit/route"), () => hold.kicks],
] as const)("%s callback past its deadline", (_name, route, lateWork) => {
  it("answers 503 with Retry-After at the deadline, not before, and finishes the late work", async () => {
    const { POST } = await route();
    let answered: Response | undefined;
    const pending = POST(post()).then((r) => (answered = r));
    await vi.advanceTimersByTimeAsync(WEBHOOK_DEADLINE_MS - 1);
    expect(answered).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(answered!.status).toBe(503);
    expect(answered!.headers.get("retry-after")).toBe("5");
    expect(await answered!.json()).toMatchObject({ error: { code: "busy" } });

    expect(lateWork()).toBe(0);
    hold.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(lateWork()).toBe(1);
  });
});
