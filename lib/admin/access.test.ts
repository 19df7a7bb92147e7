// Nobody but an admin gets anything from the admin area. The routes are found on disk — every page and
// layout under app/(admin) and every handler under app/api/admin, every exported Server Action — so a new
// route is covered the day it is added. A stranger and a signed-in customer get 404 from pages, 403 from
// APIs and an error from actions, and nothing reaches the database.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

type User = { id: string; email: string; isAdmin: boolean } | null;
const state = vi.hoisted(() => ({ user: null as User, dbTouched: 0 }));

vi.mock("@/lib/auth", async () => {
  const { notFound, redirect } = await import("next/navigation");
  return {
    currentUser: async () => state.user,
    requireUser: async () => state.user ?? redirect("/sign-in"),
    requireAdmin: async () => {
      if (!state.user) redirect("/sign-in");
      if (!state.user?.isAdmin) notFound();
      return state.user;
    },
  };
});
vi.mock("@/lib/db", () => ({
  getDb: async () => {
    state.dbTouched++;
    throw new Error("the database must not be reached");
  },
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const root = path.resolve(import.meta.dirname, "../..");

function walk(dir: string, match: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p, match) : match.test(e.name) ? [p] : [];
  });
}

// Under /admin: the route group's own layout is the area's HTML document; the admin check is in admin/layout.tsx.
const pages = walk(path.join(root, "app/(admin)/admin"), /^(page|layout)\.tsx$/);
const handlers = walk(path.join(root, "app/api/admin"), /^route\.ts$/);
const actionFiles = walk(path.join(root, "app/(admin)"), /^actions\.ts$/);

const STRANGERS: [string, User][] = [
  ["a signed-out stranger", null],
  ["a signed-in customer", { id: "cus_1", email: "traveller@example.com", isAdmin: false }],
];

function isNotFound(err: unknown): boolean {
  return String((err as { digest?: string })?.digest ?? "").includes("404");
}

describe("the admin area for non-admins", () => {
  beforeAll(() => {
    state.dbTouched = 0;
  });
  afterAll(() => {
    state.user = null;
  });

  it("finds the routes on disk", () => {
    expect(pages.length).toBeGreaterThanOrEqual(8);
    expect(handlers.length).toBeGreaterThanOrEqual(2);
    expect(actionFiles.length).toBeGreaterThanOrEqual(1);
  });

  describe.each(STRANGERS)("%s", (_who, user) => {
    it.each(pages.map((p) => [path.relative(root, p), p]))("gets 404 from %s", async (_rel, file) => {
      state.user = user;
      const mod = (await import(file)) as { default: (props: unknown) => Promise<unknown> };
      const props = {
        params: Promise.resolve({ id: "ord_someoneelse" }),
        searchParams: Promise.resolve({}),
        children: null,
      };
      const err = await mod.default(props).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isNotFound(err), `expected notFound(), got ${String(err)}`).toBe(true);
    });

    it.each(handlers.map((p) => [path.relative(root, p), p]))(
      "gets 403 from every method of %s",
      async (_rel, file) => {
        state.user = user;
        const mod = (await import(file)) as Record<string, unknown>;
        const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof mod[m] === "function");
        expect(methods.length).toBeGreaterThan(0);
        for (const m of methods) {
          const handler = mod[m] as (req: Request, ctx: unknown) => Promise<Response>;
          const req = new Request("http://localhost/api/admin/x?action=reconcile", {
            method: m,
            headers: { "content-type": "application/json" },
            body: m === "GET" ? undefined : JSON.stringify({ action: "reconcile", confirmation: "ord_someoneelse" }),
          });
          const res = await handler(req, { params: Promise.resolve({ id: "ord_someoneelse" }) });
          expect(res.status, `${m} ${file}`).toBe(403);
        }
      },
    );

    it.each(actionFiles.map((p) => [path.relative(root, p), p]))(
      "is refused by every action in %s",
      async (rel, file) => {
        state.user = user;
        const mod = (await import(file)) as Record<string, unknown>;
        const actions = Object.entries(mod).filter(([, v]) => typeof v === "function");
        // The main actions file holds the order actions; a section's own file (stock, partners) holds a few.
        expect(actions.length).toBeGreaterThanOrEqual(
          rel === path.join("app", "(admin)", "admin", "actions.ts") ? 8 : 1,
        );
        for (const [name, fn] of actions) {
          const form = new FormData();
          form.set("orderId", "ord_someoneelse");
          form.set("confirmation", "ord_someoneelse");
          const result = await (fn as (prev: unknown, f: FormData) => Promise<{ error?: string; ok?: string }>)(
            {},
            form,
          );
          expect(result.error, name).toBeTruthy();
          expect(result.ok, name).toBeUndefined();
        }
      },
    );
  });

  it("never reached the database", () => {
    expect(state.dbTouched).toBe(0);
  });
});
