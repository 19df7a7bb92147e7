// What an operator's tooling sees of the production build: a request id on every response (and inside
// every JSON error), liveness and readiness, and metrics that refuse an unauthenticated scrape.
import { expect, test } from "@playwright/test";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("every response carries its own x-request-id; a sane upstream id is kept, a hostile one replaced", async ({
  request,
}) => {
  const ids = new Set<string>();
  for (const path of ["/", "/destinations", "/api/health", "/orders/lost"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const id = res.headers()["x-request-id"];
    expect(id, path).toMatch(UUID);
    ids.add(id!);
  }
  expect(ids.size).toBe(4);
  const kept = await request.get("/api/health", { headers: { "x-request-id": "lb-7f3a9c2e-0001" } });
  expect(kept.headers()["x-request-id"]).toBe("lb-7f3a9c2e-0001");
  const replaced = await request.get("/api/health", { headers: { "x-request-id": "<script>alert(1)</script>" } });
  expect(replaced.headers()["x-request-id"]).toMatch(UUID);
});

test("liveness and readiness answer, readiness with its checks", async ({ request }) => {
  const live = await request.get("/api/health");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ ok: true });
  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  const body = (await ready.json()) as { ready: boolean; checks: Record<string, { ok: boolean }> };
  expect(body.ready).toBe(true);
  expect(Object.keys(body.checks).sort()).toEqual(["database", "queue", "undelivered"]);
});

test("metrics refuse a scrape without the token, with a JSON error naming the request", async ({ request }) => {
  for (const authorization of [undefined, "Bearer wrong", "Bearer tern-development-secret-not-for-production"]) {
    const res = await request.get("/api/metrics", { headers: authorization ? { authorization } : {} });
    expect(res.status()).toBe(401);
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe("unauthorized");
    expect(body.error.requestId).toBe(res.headers()["x-request-id"]);
  }
});
