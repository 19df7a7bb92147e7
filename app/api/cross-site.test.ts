// Every route handler that a signed-in browser's cookie authorises and that changes state refuses a request
// from another origin before it reads the body or the database; the JSON ones also refuse anything but JSON
// (a cross-site form sends text/plain). Walks app/ so a new handler is covered the day it is added.
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";

const state = { dbReached: 0 };
vi.mock("@/lib/db", () => ({
  getDb: async () => {
    state.dbReached += 1;
    throw new Error("the database was reached");
  },
}));
// Signed in as an admin who is also a partner's user: the strongest cookie a victim could have.
vi.mock("@/lib/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth")>()),
  currentUser: async () => ({ id: "cus_admin", email: "ops@tern.example", isAdmin: true }),
}));

const APP = "http://localhost:3000";
const root = path.resolve(import.meta.dirname, "../..");
/** Not authorised by a cookie: signed webhooks, the bearer-key API, the cron secret, and the anonymous checkout. */
const EXEMPT = /^app\/api\/(webhooks|v1|cron|checkout)\//;
/** Form posts from our own pages (no JavaScript needed): same origin, any form type. */
const FORM_ROUTES = new Set([
  "app/api/auth/sign-out/route.ts",
  "app/api/auth/callback/route.ts",
  "app/(partner)/partner/topup/route.ts",
]);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}
const guarded = routeFiles(path.join(root, "app"))
  .map((f) => path.relative(root, f).split(path.sep).join("/"))
  .filter((rel) => !EXEMPT.test(rel))
  .filter((rel) =>
    /export (async function|function|const) (POST|PUT|PATCH|DELETE)\b/.test(
      fs.readFileSync(path.join(root, rel), "utf8"),
    ),
  );
const STATE_CHANGING = ["POST", "PUT", "PATCH", "DELETE"] as const;

beforeEach(() => {
  vi.stubEnv("APP_URL", APP);
  resetEnvCache();
  state.dbReached = 0;
});

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
async function handlersOf(rel: string): Promise<[string, Handler][]> {
  const mod = (await import(path.join(root, rel))) as Record<string, unknown>;
  return STATE_CHANGING.filter((m) => typeof mod[m] === "function").map((m) => [m, mod[m] as Handler]);
}
const ctx = { params: Promise.resolve({ id: "ord_someone", job: "x" }) };
const send = (handler: Handler, method: string, headers: Record<string, string>) =>
  handler(new Request(`${APP}/x`, { method, headers, body: JSON.stringify({ action: "take", token: "t" }) }), ctx);

describe("state-changing route handlers", () => {
  it("are found (the walk works)", () => {
    expect(guarded).toContain("app/api/admin/orders/[id]/route.ts");
    expect(guarded).toContain("app/api/admin/reconcile/route.ts");
    expect(guarded).toContain("app/(partner)/partner/topup/route.ts");
  });

  it.each(guarded)("%s refuses another origin and a text/plain body", async (rel) => {
    for (const [method, handler] of await handlersOf(rel)) {
      for (const origin of ["https://evil.example", "http://localhost:3001", "http://admin.localhost:3000", "null"]) {
        const res = await send(handler, method, { origin, "content-type": "application/json" });
        expect(res.status, `${method} ${rel} from ${origin}`).toBe(403);
      }
      const noOrigin = await send(handler, method, { "content-type": "text/plain" });
      expect(noOrigin.status, `${method} ${rel} with no Origin`).toBe(403);
      if (!FORM_ROUTES.has(rel)) {
        const plain = await send(handler, method, { origin: APP, "content-type": "text/plain" });
        expect(plain.status, `${method} ${rel} as text/plain`).toBe(415);
      }
      expect(state.dbReached, `${method} ${rel} reached the database`).toBe(0);
    }
  });
});
