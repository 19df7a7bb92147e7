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
import { parseAmount } from "@/lib/partners/balance-topups";
import { parseMoneyInput, parsePercentInput } from "@/lib/admin/form-units";

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
    const db = await getDb();
    const before = await getPartner(db, id);
    const partner = await setPartnerStatus(db, actor, id, to);
    if (!partner) return { error: "Unknown partner." };
    // The page offers only the move that applies; a stale page or a hand-made post gets told, not a false "done".
    if (before?.status === to) return { error: `${partner.name} is already ${to}.` };
    revalidatePath(`/admin/partners/${id}`);
    revalidatePath("/admin/partners");
    return {
      ok: to === "approved" ? `${partner.name} is approved.` : `${partner.name} is suspended: its keys are refused.`,
    };
  },
);

// The form speaks money and percent; the ledger keeps minor units and basis points.
const MAX_MONEY_MINOR = 100_000_000;

export const partnerSettingsAction = adminAction(
  partnerSettingsSchema.pick({ billing: true, pricingKind: true }).extend({
    partnerId,
    creditLimit: z.string().max(40),
    pricingRate: z.string().max(40),
    lowBalance: z.string().max(40),
  }),
  async ({ partnerId: id, creditLimit, pricingRate, lowBalance, ...settings }, actor) => {
    const db = await getDb();
    const current = await getPartner(db, id);
    if (!current) return { error: "Unknown partner." };
    const limit = parseMoneyInput(creditLimit, current.currency, { label: "Credit limit", max: MAX_MONEY_MINOR });
    if (!limit.ok) return { error: limit.error };
    const rate = parsePercentInput(pricingRate, { label: "Rate" });
    if (!rate.ok) return { error: rate.error };
    const low = parseMoneyInput(lowBalance, current.currency, { label: "Low-balance alert", max: MAX_MONEY_MINOR });
    if (!low.ok) return { error: low.error };
    const partner = await updatePartnerSettings(db, actor, id, {
      ...settings,
      creditLimitMinor: limit.value,
      pricingBps: rate.value,
      lowBalanceMinor: low.value,
    });
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
