// Every /api/v1 route (enumerated from the route files) refuses a missing or bad key, a key without its scope,
// a revoked or expired key and a suspended partner — and each key has its own rate limit.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { apiKeys, API_SCOPES, rateLimits } from "@/lib/db/schema";
import { useHarness } from "@/test/harness";
import { API_KEY_LIMIT } from "./api";
import { setPartnerStatus } from "./accounts";
import { createApiKey, revokeApiKey, rotateApiKey } from "./keys";
import { API_ROUTES } from "./routes";
import { apiRequest, testPartner, TEST_ACTOR } from "@/test/partners";

vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  after: () => {},
}));

const ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");
type RouteHandler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** [method, OpenAPI path, handler] for every handler exported by a route file under app/api/v1. */
async function routeFiles(): Promise<[string, string, RouteHandler][]> {
  const out: [string, string, RouteHandler][] = [];
  const walk = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
      );
  for (const file of walk(ROOT)) {
    const rel = path.relative(ROOT, path.dirname(file)).split(path.sep).join("/");
    const apiPath = `/${rel}`.replace(/\[([^\]]+)\]/g, "{$1}");
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"])
      if (typeof mod[method] === "function") out.push([method, apiPath, mod[method] as RouteHandler]);
  }
  return out;
}

describe.each(testDbKinds())("reseller API access on %s", (kind) => {
  const h = useHarness(kind, { reset: false });

  it("the route table lists exactly the route files (the OpenAPI document is built from it)", async () => {
    const files = (await routeFiles()).map(([m, p]) => `${m} ${p}`).filter((r) => r !== "GET /openapi.json");
    expect(files.sort()).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it("every route enforces key, scope, revocation, expiry and suspension", async () => {
    const routes = await routeFiles();
    const { partner } = await testPartner(h.db, { fundMinor: 5_000 });
    const revoked = await createApiKey(h.db, partner.id, { name: "revoked", scopes: [...API_SCOPES] });
    await revokeApiKey(h.db, partner.id, revoked.key.id);
    const expired = await createApiKey(h.db, partner.id, { name: "expired", scopes: [...API_SCOPES] });
    await h.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, expired.key.id));
    const suspended = await testPartner(h.db);
    await setPartnerStatus(h.db, TEST_ACTOR, suspended.partner.id, "suspended");
    const pending = await testPartner(h.db, { status: "pending" });

    let checked = 0;
    for (const route of API_ROUTES) {
      const [, , handler] = routes.find(([m, p]) => m === route.method && p === route.path)!;
      const call = (secret?: string) => {
        const p = route.path.replace("{id}", "ord_0000000000000000000a");
        return handler(
          apiRequest(p, {
            method: route.method,
            secret,
            body: route.method === "POST" ? {} : undefined,
            idempotencyKey: "key-access-0001",
          }),
          { params: Promise.resolve({ id: "ord_0000000000000000000a" }) },
        );
      };
      const expectError = async (res: Response, status: number, code: string) => {
        expect(res.status, `${route.method} ${route.path}`).toBe(status);
        const body = await res.json();
        expect(body.error, `${route.method} ${route.path}`).toMatchObject({
          code,
          requestId: expect.stringMatching(/^req-test-/),
        });
      };
      await expectError(await call(), 401, "unauthorized");
      await expectError(await call("tern_" + "0".repeat(32)), 401, "unauthorized");
      await expectError(await call(revoked.secret), 401, "unauthorized");
      await expectError(await call(expired.secret), 401, "unauthorized");
      await expectError(await call(suspended.secret), 403, "partner_suspended");
      await expectError(await call(pending.secret), 403, "partner_suspended");
      const others = API_SCOPES.filter((s) => s !== route.scope);
      const narrow = await createApiKey(h.db, partner.id, { name: "narrow", scopes: others });
      await expectError(await call(narrow.secret), 403, "insufficient_scope");
      const only = await createApiKey(h.db, partner.id, { name: "only", scopes: [route.scope] });
      const allowed = await call(only.secret);
      expect([401, 403], `${route.method} ${route.path} with its scope`).not.toContain(allowed.status);
      expect(allowed.status).toBeLessThan(500);
      checked++;
    }
    expect(checked).toBe(API_ROUTES.length);
  });

  it("a rotated key keeps working through the overlap, then only the new one does", async () => {
    const { partner } = await testPartner(h.db);
    const first = await createApiKey(h.db, partner.id, { name: "rotating", scopes: ["ledger:read"] });
    const { GET } = await import("@/app/api/v1/ledger/route");
    const rotated = await rotateApiKey(h.db, partner.id, first.key.id);
    expect(rotated!.key.scopes).toEqual(["ledger:read"]);
    expect((await GET(apiRequest("/ledger", { secret: first.secret }))).status).toBe(200);
    expect((await GET(apiRequest("/ledger", { secret: rotated!.secret }))).status).toBe(200);
    await h.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(apiKeys.id, first.key.id));
    expect((await GET(apiRequest("/ledger", { secret: first.secret }))).status).toBe(401);
    expect((await GET(apiRequest("/ledger", { secret: rotated!.secret }))).status).toBe(200);
    // Another partner cannot rotate or revoke this key.
    const other = await testPartner(h.db);
    expect(await rotateApiKey(h.db, other.partner.id, rotated!.key.id)).toBeNull();
    expect(await revokeApiKey(h.db, other.partner.id, rotated!.key.id)).toBe(false);
  });

  it("limits each key on its own with 429 and Retry-After", async () => {
    const a = await testPartner(h.db);
    const b = await testPartner(h.db);
    const [keyA] = await h.db.select().from(apiKeys).where(eq(apiKeys.partnerId, a.partner.id));
    const start = Math.floor(Date.now() / API_KEY_LIMIT.windowMs) * API_KEY_LIMIT.windowMs;
    await h.db
      .insert(rateLimits)
      .values({ bucket: `api:key:${keyA!.id}`, windowStart: new Date(start), hits: API_KEY_LIMIT.max });
    const { GET } = await import("@/app/api/v1/ledger/route");
    const limited = await GET(apiRequest("/ledger", { secret: a.secret }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("rate_limited");
    expect((await GET(apiRequest("/ledger", { secret: b.secret }))).status).toBe(200);
  });
});
