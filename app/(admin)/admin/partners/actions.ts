"use server";
// Admin actions on partners: create, approve, suspend, settings, users, ledger adjustments. Each is audited in its transaction
// (lib/partners/accounts.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { adminAction } from "@/lib/admin/guard";
import { formatMoney } from "@/lib/format";
import {
  addPartnerUser,
  createPartner,
  createPartnerSchema,
  getPartner,
  partnerSettingsSchema,
  setPartnerStatus,
  updatePartnerSettings,
} from "@/lib/partners/accounts";
import { postAdjustment } from "@/lib/partners/adjustments";
import { parseAmount } from "@/lib/partners/topups";

const partnerId = z.string().regex(/^ptn_[0-9a-z]{1,40}$/, "Unknown partner");

export const createPartnerAction = adminAction(createPartnerSchema, async (input, actor) => {
  const db = await getDb();
  try {
    const partner = await createPartner(db, actor, input);
    revalidatePath("/admin/partners");
    return { ok: `Created ${partner.name} (pending approval).` };
  } catch (err) {
    if (String((err as { cause?: unknown })?.cause ?? err).includes("partner_users_email_key"))
      return { error: "That email already belongs to a partner." };
    throw err;
  }
});

export const partnerStatusAction = adminAction(
  z.object({ partnerId, to: z.enum(["approved", "suspended"]) }),
  async ({ partnerId: id, to }, actor) => {
    const partner = await setPartnerStatus(await getDb(), actor, id, to);
    if (!partner) return { error: "Unknown partner." };
    revalidatePath(`/admin/partners/${id}`);
    revalidatePath("/admin/partners");
    return {
      ok: to === "approved" ? `${partner.name} is approved.` : `${partner.name} is suspended: its keys are refused.`,
    };
  },
);

export const partnerSettingsAction = adminAction(
  partnerSettingsSchema.extend({ partnerId }),
  async ({ partnerId: id, ...settings }, actor) => {
    const partner = await updatePartnerSettings(await getDb(), actor, id, settings);
    if (!partner) return { error: "Unknown partner." };
    revalidatePath(`/admin/partners/${id}`);
    return { ok: "Settings saved." };
  },
);

export const addPartnerUserAction = adminAction(
  z.object({ partnerId, email: z.email("Enter an email address").max(254) }),
  async ({ partnerId: id, email }, actor) => {
    try {
      await addPartnerUser(await getDb(), actor, id, email);
    } catch {
      return { error: "That email already belongs to a partner." };
    }
    revalidatePath(`/admin/partners/${id}`);
    return { ok: `${email} can now sign in to the portal.` };
  },
);

export const ledgerAdjustmentAction = adminAction(
  z.object({
    partnerId,
    direction: z.enum(["credit", "debit"], "Choose credit or debit"),
    amount: z.string().trim().min(1, "Enter an amount").max(20),
    memo: z.string().trim().min(3, "Say why (the partner sees it on their ledger)").max(200),
    confirmation: z.string().max(100),
    nonce: z.uuid("Reload the page and try again"),
  }),
  async ({ partnerId: id, amount, ...input }, actor) => {
    const db = await getDb();
    const partner = await getPartner(db, id);
    if (!partner) return { error: "Unknown partner." };
    const amountMinor = parseAmount(amount, partner.currency);
    if (amountMinor === null || amountMinor <= 0)
      return { error: `Enter an amount in ${partner.currency}, such as 25 or 25.50.` };
    const result = await postAdjustment(db, actor, { partnerId: id, amountMinor, ...input });
    if (result.outcome === "refused") return { error: result.message };
    revalidatePath(`/admin/partners/${id}`);
    const balance = formatMoney(result.balanceMinor, partner.currency);
    return {
      ok:
        result.outcome === "applied"
          ? `${input.direction === "credit" ? "Credited" : "Debited"} ${formatMoney(amountMinor, partner.currency)}; balance now ${balance}.`
          : `Already posted; balance ${balance}.`,
    };
  },
);
