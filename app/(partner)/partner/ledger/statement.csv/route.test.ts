// A month that does not parse (or one past what a timestamp holds) is a 400 before any query, never a 500.
import { describe, expect, it, vi } from "vitest";

const state = vi.hoisted(() => ({ dbReached: 0 }));
vi.mock("@/lib/db", () => ({
  getDb: async () => {
    state.dbReached += 1;
    throw new Error("the database was reached");
  },
}));
vi.mock("@/lib/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth")>()),
  currentUser: async () => ({ id: "cus_p", email: "partner@agency.test", isAdmin: false }),
}));

const { GET } = await import("./route");

describe("GET /partner/ledger/statement.csv", () => {
  it.each(["9999-12", "10000-01", "2026-13", "%00", "2026-01%00", "x", "", "2026-01&month=2026-02"])(
    "answers month=%s with 400 before any query",
    async (month) => {
      const res = await GET(new Request(`http://localhost/partner/ledger/statement.csv?month=${month}`));
      expect(res.status).toBe(400);
      expect(state.dbReached).toBe(0);
    },
  );
});
