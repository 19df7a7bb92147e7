// Each admin change is audited in its own transaction.
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { partnerUsers, partners, type Partner, type PartnerStatus } from "@/lib/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Actor } from "@/lib/admin/guard";
import { normaliseEmail } from "@/lib/orders/customers";
import { randomBase32 } from "@/lib/tokens";

export const partnerSettingsSchema = z.object({
  billing: z.enum(["prepaid", "postpaid"]),
  creditLimitMinor: z.coerce.number().int().min(0).max(100_000_000),
  pricingKind: z.enum(["discount", "markup"]),
  pricingBps: z.coerce.number().int().min(0).max(10_000),
  lowBalanceMinor: z.coerce.number().int().min(0).max(100_000_000),
});
export type PartnerSettings = z.infer<typeof partnerSettingsSchema>;

export const createPartnerSchema = z.object({
  name: z.string().trim().min(2, "Enter the partner's name").max(120),
  email: z.email("Enter the partner user's email").max(254),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "Currency is a 3-letter ISO code")
    .transform((c) => c.toUpperCase())
    .default("USD"),
});

export async function createPartner(
  db: Db,
  actor: Actor,
  input: z.infer<typeof createPartnerSchema> & Partial<PartnerSettings>,
): Promise<Partner> {
  return db.transaction(async (tx) => {
    const [partner] = await tx
      .insert(partners)
      .values({
        id: `ptn_${randomBase32(16)}`,
        name: input.name,
        currency: input.currency,
        ...(input.billing ? { billing: input.billing } : {}),
        ...(input.creditLimitMinor !== undefined ? { creditLimitMinor: input.creditLimitMinor } : {}),
        ...(input.pricingKind ? { pricingKind: input.pricingKind } : {}),
        ...(input.pricingBps !== undefined ? { pricingBps: input.pricingBps } : {}),
        ...(input.lowBalanceMinor !== undefined ? { lowBalanceMinor: input.lowBalanceMinor } : {}),
      })
      .returning();
    await tx.insert(partnerUsers).values({ partnerId: partner!.id, email: normaliseEmail(input.email) });
    await writeAudit(tx, actor, {
      action: "partner.create",
      targetType: "partner",
      targetId: partner!.id,
      outcome: "applied",
      detail: { name: input.name, email: normaliseEmail(input.email), currency: input.currency },
    });
    return partner!;
  });
}

export async function setPartnerStatus(
  db: Db,
  actor: Actor,
  partnerId: string,
  to: PartnerStatus,
): Promise<Partner | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(partners).where(eq(partners.id, partnerId)).for("update");
    if (!before) return null;
    if (before.status === to) {
      await writeAudit(tx, actor, {
        action: `partner.${to}`,
        targetType: "partner",
        targetId: partnerId,
        outcome: "no_change",
      });
      return before;
    }
    const [after] = await tx.update(partners).set({ status: to }).where(eq(partners.id, partnerId)).returning();
    await writeAudit(tx, actor, {
      action: to === "approved" ? "partner.approve" : to === "suspended" ? "partner.suspend" : `partner.${to}`,
      targetType: "partner",
      targetId: partnerId,
      outcome: "applied",
      detail: { from: before.status, to },
    });
    return after!;
  });
}

export async function updatePartnerSettings(
  db: Db,
  actor: Actor,
  partnerId: string,
  settings: PartnerSettings,
): Promise<Partner | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(partners).where(eq(partners.id, partnerId)).for("update");
    if (!before) return null;
    const [after] = await tx.update(partners).set(settings).where(eq(partners.id, partnerId)).returning();
    await writeAudit(tx, actor, {
      action: "partner.settings",
      targetType: "partner",
      targetId: partnerId,
      outcome: "applied",
      detail: {
        before: {
          billing: before.billing,
          creditLimitMinor: before.creditLimitMinor,
          pricingKind: before.pricingKind,
          pricingBps: before.pricingBps,
          lowBalanceMinor: before.lowBalanceMinor,
        },
        after: settings,
      },
    });
    return after!;
  });
}

export async function addPartnerUser(db: Db, actor: Actor, partnerId: string, email: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(partnerUsers).values({ partnerId, email: normaliseEmail(email) });
    await writeAudit(tx, actor, {
      action: "partner.user_add",
      targetType: "partner",
      targetId: partnerId,
      outcome: "applied",
      detail: { email: normaliseEmail(email) },
    });
  });
}

export async function listPartners(db: Db): Promise<Partner[]> {
  return db.select().from(partners).orderBy(asc(partners.createdAt));
}

export async function getPartner(db: Db, partnerId: string): Promise<Partner | undefined> {
  const [p] = await db.select().from(partners).where(eq(partners.id, partnerId));
  return p;
}

export async function partnerUsersOf(db: Db, partnerId: string): Promise<string[]> {
  const rows = await db
    .select({ email: partnerUsers.email })
    .from(partnerUsers)
    .where(eq(partnerUsers.partnerId, partnerId));
  return rows.map((r) => r.email);
}

export async function partnerOfUser(db: Db, email: string): Promise<Partner | null> {
  const [row] = await db
    .select({ partner: partners })
    .from(partnerUsers)
    .innerJoin(partners, eq(partners.id, partnerUsers.partnerId))
    .where(and(eq(partnerUsers.email, normaliseEmail(email))));
  return row?.partner ?? null;
}
