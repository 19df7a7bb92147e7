// One action wrapper for every Server Action: it resolves who is acting (anyone, a customer, an admin, a
// partner's user), parses the form, and turns an unexpected failure into a generic message with the request id
// while the details go to the (redacted) log — never a database error in the browser.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { redirect } from "next/navigation";

const state = vi.hoisted(() => ({
  user: null as null | { id: string; email: string; isAdmin: boolean },
  partner: null as null | { id: string; name: string },
  logged: [] as unknown[],
}));
vi.mock("@/lib/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth")>()),
  currentUser: async () => state.user,
}));
vi.mock("@/lib/db", () => ({ getDb: async () => ({}) }));
vi.mock("@/lib/partners/accounts", () => ({ partnerOfUser: async () => state.partner }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-request-id": "req-action-0001", "user-agent": "vitest" }),
}));
vi.mock("@/lib/observability/logger", () => ({
  log: {
    error: (...args: unknown[]) => state.logged.push(args),
    warn: () => {},
    info: () => {},
  },
}));

const { validatedAction, validatedActionWithUser } = await import("./action");
const { adminAction } = await import("@/lib/admin/guard");
const { partnerAction } = await import("@/lib/partners/portal");

const LEAK = 'Failed query: insert into "stock_items" ("iccid") values ($1) params: 8944\u0000, ops@tern.example';
const boom = async (): Promise<never> => {
  throw new Error(LEAK);
};
const form = (entries: Record<string, string> = {}) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};
const schema = z.object({ note: z.string().min(3, "Write a note") });

beforeEach(() => {
  state.user = { id: "cus_1", email: "ops@tern.example", isAdmin: true };
  state.partner = { id: "ptn_1", name: "Agency" };
  state.logged = [];
});

describe.each([
  ["public", validatedAction],
  ["customer", validatedActionWithUser],
  ["admin", adminAction],
  ["partner", partnerAction],
] as const)("a %s action", (_kind, wrap) => {
  const failing = (wrap as typeof validatedAction)(schema, boom);

  it("hides an unexpected failure behind a generic message with the request id, and logs the details", async () => {
    const result = await failing({}, form({ note: "a note" }));
    expect(result.error).toMatch(/Something went wrong/);
    expect(result.error).toContain("req-action-0001");
    expect(result.error).not.toMatch(/Failed query|params|stock_items|ops@/);
    expect(result.ok).toBeUndefined();
    const [fields] = state.logged[0] as [{ err: Error }];
    expect(fields.err.message).toContain("Failed query");
  });

  it("says the generic failure in the form's language", async () => {
    const result = await failing({}, form({ note: "a note", locale: "es" }));
    expect(result.error).toBe(
      "Algo ha fallado por nuestra parte. Vuelve a intentarlo; si sigue ocurriendo, indícanos la referencia req-action-0001.",
    );
  });

  it("answers a form that does not parse with its first message, before running", async () => {
    const run = vi.fn(boom);
    const result = await (wrap as typeof validatedAction)(schema, run)({}, form({ note: "x" }));
    expect(result.error).toBe("Write a note");
    expect(run).not.toHaveBeenCalled();
    const german = await (wrap as typeof validatedAction)(schema, run)({}, form({ note: "x", locale: "de" }));
    expect(german.error).toBe("Bitte prüfe deine Angaben und versuch es noch einmal.");
  });

  it("lets Next's redirect through", async () => {
    const redirecting = (wrap as typeof validatedAction)(schema, async () => redirect("/somewhere"));
    await expect(redirecting({}, form({ note: "a note" }))).rejects.toMatchObject({
      digest: expect.stringContaining("NEXT_REDIRECT"),
    });
  });
});

describe("context", () => {
  it("a customer action refuses a signed-out visitor and hands the user to the body", async () => {
    const seen = vi.fn(async (): Promise<{ ok?: string; error?: string }> => ({ ok: "done" }));
    const act = validatedActionWithUser(schema, seen);
    state.user = null;
    expect((await act({}, form({ note: "a note" }))).error).toMatch(/sign in/i);
    expect((await act({}, form({ note: "a note", locale: "de" }))).error).toBe(
      "Deine Sitzung ist abgelaufen. Bitte melde dich erneut an.",
    );
    state.user = { id: "cus_2", email: "a@b.example", isAdmin: false };
    expect((await act({}, form({ note: "a note" }))).ok).toBe("done");
    expect(seen).toHaveBeenCalledWith({ note: "a note" }, state.user, expect.any(FormData));
  });

  it("an admin action refuses anyone but an admin and hands the body the acting admin", async () => {
    const seen = vi.fn(async (): Promise<{ ok?: string; error?: string }> => ({ ok: "done" }));
    const act = adminAction(schema, seen);
    state.user = { id: "cus_2", email: "a@b.example", isAdmin: false };
    expect((await act({}, form({ note: "a note" }))).error).toMatch(/Admins only/);
    expect(seen).not.toHaveBeenCalled();
    state.user = { id: "cus_1", email: "ops@tern.example", isAdmin: true };
    await act({}, form({ note: "a note" }));
    expect(seen).toHaveBeenCalledWith(
      { note: "a note" },
      { id: "cus_1", email: "ops@tern.example", ip: null, userAgent: "vitest" },
      expect.any(FormData),
    );
  });

  it("a partner action refuses a user with no partner and hands the body the partner", async () => {
    const seen = vi.fn(async (): Promise<{ ok?: string; error?: string }> => ({ ok: "done" }));
    const act = partnerAction(schema, seen);
    state.partner = null;
    expect((await act({}, form({ note: "a note" }))).error).toMatch(/no partner portal/);
    state.partner = { id: "ptn_1", name: "Agency" };
    await act({}, form({ note: "a note" }));
    expect(seen).toHaveBeenCalledWith(
      { note: "a note" },
      { user: state.user, partner: state.partner },
      expect.any(FormData),
    );
  });
});
