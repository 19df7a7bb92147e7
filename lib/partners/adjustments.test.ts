// Admin ledger adjustments through the Server Action itself: balanced, idempotent under a double click (the
// form's nonce), refused without the typed confirmation or with a reused form, audited, admins only.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import type { Db } from "@/lib/db";
import { auditLog, ledgerTransactions } from "@/lib/db/schema";
import { useHarness } from "@/test/harness";
import { balanceOf, ledgerTotals } from "./ledger";
import { testPartner } from "@/test/partners";

type User = { id: string; email: string; isAdmin: boolean } | null;
const state = vi.hoisted(() => ({ user: null as User, db: null as unknown }));

vi.mock("@/lib/auth", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  currentUser: async () => state.user,
}));
vi.mock("@/lib/db", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getDb: async () => state.db,
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "vitest" }),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { ledgerAdjustmentAction } = await import("@/app/(admin)/admin/partners/actions");

const ADMIN: User = { id: "usr_admin", email: "ops@tern.test", isAdmin: true };
const CUSTOMER: User = { id: "cus_1", email: "traveller@example.com", isAdmin: false };

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe.each(testDbKinds())("admin ledger adjustments on %s", (kind) => {
  const h = useHarness(kind);
  beforeAll(async () => {
    state.db = h.db;
  });
  beforeEach(async () => {
    state.user = ADMIN;
  });

  const adjust = (fields: Record<string, string>) => ledgerAdjustmentAction({}, form(fields));
  const adjustmentsOf = (db: Db, partnerId: string) =>
    db
      .select()
      .from(ledgerTransactions)
      .where(and(eq(ledgerTransactions.partnerId, partnerId), eq(ledgerTransactions.kind, "adjustment")))
      .orderBy(ledgerTransactions.id);
  const auditsOf = (partnerId: string) =>
    h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, partnerId), eq(auditLog.action, "partner.ledger_adjustment")))
      .orderBy(auditLog.id);

  it("posts a credit once under a double click, and a debit that may go below zero", async () => {
    const { partner } = await testPartner(h.db);
    const credit = {
      partnerId: partner.id,
      direction: "credit",
      amount: "25.00",
      memo: "Goodwill for the outage",
      confirmation: partner.id,
      nonce: randomUUID(),
    };
    const twice = await Promise.all([adjust(credit), adjust(credit)]);
    expect(twice.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(twice.map((r) => r.ok).sort()).toEqual(
      ["Already posted; balance $25.00.", expect.stringMatching(/^Credited \$25\.00/)].sort(),
    );
    expect(await balanceOf(h.db, partner.id)).toBe(2_500);

    const debit = await adjust({
      ...credit,
      direction: "debit",
      amount: "30",
      memo: "Chargeback fee",
      nonce: randomUUID(),
    });
    expect(debit.ok).toBe("Debited $30.00; balance now -$5.00.");
    expect(await balanceOf(h.db, partner.id)).toBe(-500);

    const posted = await adjustmentsOf(h.db, partner.id);
    expect(posted.map((t) => t.reference)).toEqual([
      `adjustment:${credit.nonce}`,
      expect.stringMatching(/^adjustment:[0-9a-f-]{36}$/),
    ]);
    expect(posted[0]!.memo).toBe("Goodwill for the outage (by ops@tern.test)");
    expect(await ledgerTotals(h.db)).toEqual({ USD: 0 });
    const audits = await auditsOf(partner.id);
    expect(audits.filter((a) => a.outcome === "applied").map((a) => a.detail)).toEqual([
      expect.objectContaining({ direction: "credit", amountMinor: 2_500, reference: `adjustment:${credit.nonce}` }),
      expect.objectContaining({ direction: "debit", amountMinor: 3_000 }),
    ]);
  });

  it("refuses a wrong confirmation, a reused form with another amount, bad amounts and non-admins; nothing posts", async () => {
    const { partner } = await testPartner(h.db);
    const base = {
      partnerId: partner.id,
      direction: "credit",
      amount: "10",
      memo: "Transfer received",
      confirmation: partner.id,
      nonce: randomUUID(),
    };
    expect((await adjust({ ...base, confirmation: "yes" })).error).toBe(`Type ${partner.id} to confirm.`);
    for (const amount of ["0", "-5", "1e3", "10.001", "ten", ""])
      expect((await adjust({ ...base, amount })).error, amount).toEqual(expect.any(String));
    expect((await adjust({ ...base, direction: "steal" })).error).toEqual(expect.any(String));
    expect((await adjust({ ...base, nonce: "not-a-uuid" })).error).toEqual(expect.any(String));
    expect((await adjust({ ...base, partnerId: "ptn_doesnotexist" })).error).toBe("Unknown partner.");

    state.user = CUSTOMER;
    expect((await adjust(base)).error).toBe("Admins only. Please sign in again.");
    state.user = null;
    expect((await adjust(base)).error).toBe("Admins only. Please sign in again.");
    expect(await adjustmentsOf(h.db, partner.id)).toEqual([]);

    state.user = ADMIN;
    expect((await adjust(base)).ok).toMatch(/^Credited \$10\.00/);
    // The same rendered form sent again with another amount is not a double click: refused, not swallowed.
    expect((await adjust({ ...base, amount: "99" })).error).toMatch(/already used/);
    expect((await adjust({ ...base, direction: "debit" })).error).toMatch(/already used/);
    expect(await balanceOf(h.db, partner.id)).toBe(1_000);
    expect((await auditsOf(partner.id)).map((a) => a.outcome).sort()).toEqual([
      "applied",
      "refused",
      "refused",
      "refused",
    ]);
  });
});
