// Where a Clerk sign-in lands: the page asked for, or — asked for nothing — an admin's dashboard, a partner
// user's portal, a customer's account; a hostile `next` never leaves the shop.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { AuthUser } from "@/lib/auth/types";

const state: { user: AuthUser | null; partnerUsers: string[] } = { user: null, partnerUsers: [] };
vi.mock("@/lib/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth")>()),
  currentUser: async () => state.user,
}));
vi.mock("@/lib/db", () => ({ getDb: async () => ({}) }));
vi.mock("@/lib/partners/accounts", () => ({
  partnerOfUser: async (_db: unknown, email: string) => (state.partnerUsers.includes(email) ? { id: "p1" } : null),
}));

const { GET } = await import("./route");
const land = async (query: string) => {
  const res = await GET(new NextRequest(`http://localhost:3000/api/auth/landing${query}`));
  expect(res.status).toBe(303);
  expect(res.headers.get("cache-control")).toContain("no-store");
  const to = new URL(res.headers.get("location")!);
  expect(to.origin).toBe("http://localhost:3000");
  return to.pathname + to.search;
};

describe("GET /api/auth/landing", () => {
  beforeEach(() => {
    state.user = null;
    state.partnerUsers = ["agent@agency.test"];
  });

  it("sends an admin to the dashboard, a partner user to the portal and a customer to the account", async () => {
    state.user = { id: "u1", email: "ops@shop.test", isAdmin: true };
    expect(await land("")).toBe("/admin");
    state.user = { id: "u2", email: "agent@agency.test", isAdmin: false };
    expect(await land("?next=%2Faccount")).toBe("/partner");
    state.user = { id: "u3", email: "traveller@example.com", isAdmin: false };
    expect(await land("")).toBe("/account");
  });

  it("keeps the page a sign-in was asked from", async () => {
    state.user = { id: "u1", email: "ops@shop.test", isAdmin: true };
    expect(await land("?next=%2Faccount%2Fesims")).toBe("/account/esims");
  });

  it.each(["/.//evil.example", "//evil.example", "/%2e%2e//evil.example", "https://evil.example/"])(
    "never leaves the shop for next=%s",
    async (next) => {
      state.user = { id: "u3", email: "traveller@example.com", isAdmin: false };
      expect(await land(`?next=${encodeURIComponent(next)}`)).toBe("/account");
    },
  );

  it("sends a visitor who is not signed in on to the page, which asks for a sign-in itself", async () => {
    expect(await land("?next=%2Faccount%2Fesims")).toBe("/account/esims");
  });
});
