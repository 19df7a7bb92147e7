"use server";
// Admin actions on promotion codes: create, deactivate, reactivate. Each is audited, refusals included.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { adminAction } from "@/lib/admin/guard";
import { writeAudit } from "@/lib/audit";
import { createPromotion, setPromotionActive, type AdminResult } from "@/lib/promotions/admin";

const toState = (r: AdminResult) => (r.outcome === "refused" ? { error: r.message } : { ok: r.message });

export const createPromotionAction = adminAction(z.record(z.string(), z.string()), async (fields, actor) => {
  const db = await getDb();
  const r = await createPromotion(db, fields, actor.email);
  await writeAudit(db, actor, {
    action: "promotion.create",
    targetType: "promotion",
    targetId: r.promotion?.id ?? null,
    outcome: r.outcome,
    detail: { code: fields.code?.slice(0, 40), message: r.message },
  });
  revalidatePath("/admin/promotions");
  return toState(r);
});

export const promotionActiveAction = adminAction(
  z.object({
    promotionId: z.string().regex(/^promo_[a-z0-9]{1,40}$/, "Unknown code"),
    active: z.enum(["true", "false"]),
  }),
  async ({ promotionId, active }, actor) => {
    const db = await getDb();
    const r = await setPromotionActive(db, promotionId, active === "true");
    await writeAudit(db, actor, {
      action: active === "true" ? "promotion.activate" : "promotion.deactivate",
      targetType: "promotion",
      targetId: promotionId,
      outcome: r.outcome,
      detail: { message: r.message },
    });
    revalidatePath("/admin/promotions");
    return toState(r);
  },
);
