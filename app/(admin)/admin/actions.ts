"use server";
// Server Actions of the admin area: each checks the admin (adminAction), parses its form, and calls one
// function in lib/admin. Results come back as { ok } | { error } for the button that sent them.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db";
import type { ActionState } from "@/lib/auth/action";
import { adminAction } from "@/lib/admin/guard";
import { resendDeliveryEmail, retryFulfilment } from "@/lib/admin/actions";
import type { ActionResult } from "@/lib/admin/action-result";
import { markResolved, releaseCase, takeCase } from "@/lib/admin/cases";
import { refundFull } from "@/lib/admin/order-refund";
import { repairMismatch, repairSchema } from "@/lib/admin/reconcile/repair";
import { refundUnusedDelivered } from "@/lib/admin/refund-unused";
import { setBundleFlag, syncNow } from "@/lib/admin/catalogue";
import { parsePricingForm, savePricing } from "@/lib/admin/pricing";
import { pinCurrencyRate } from "@/lib/currency/admin";

const toState = (r: ActionResult): ActionState => (r.outcome === "refused" ? { error: r.message } : { ok: r.message });

const orderOnly = z.object({ orderId: z.string().min(1).max(64) });

function refresh(orderId?: string) {
  revalidatePath("/admin", "layout");
  if (orderId) revalidatePath(`/admin/orders/${orderId}`);
}

export const retryAction = adminAction(orderOnly, async ({ orderId }, actor) => {
  const r = await retryFulfilment(await getDb(), orderId, actor);
  refresh(orderId);
  return toState(r);
});

export const resendAction = adminAction(orderOnly, async ({ orderId }, actor) => {
  const r = await resendDeliveryEmail(await getDb(), orderId, actor);
  refresh(orderId);
  return toState(r);
});

export const refundAction = adminAction(
  orderOnly.extend({ confirmation: z.string().max(100) }),
  async ({ orderId, confirmation }, actor) => {
    const r = await refundFull(await getDb(), orderId, confirmation, actor);
    refresh(orderId);
    return toState(r);
  },
);

export const refundUnusedAction = adminAction(
  orderOnly.extend({ confirmation: z.string().max(100) }),
  async ({ orderId, confirmation }, actor) => {
    const r = await refundUnusedDelivered(await getDb(), orderId, confirmation, actor);
    refresh(orderId);
    return toState(r);
  },
);

export const takeAction = adminAction(orderOnly, async ({ orderId }, actor) => {
  const r = await takeCase(await getDb(), orderId, actor);
  refresh(orderId);
  return toState(r);
});

export const releaseAction = adminAction(orderOnly, async ({ orderId }, actor) => {
  const r = await releaseCase(await getDb(), orderId, actor);
  refresh(orderId);
  return toState(r);
});

export const resolveAction = adminAction(
  orderOnly.extend({ note: z.string().max(1000) }),
  async ({ orderId, note }, actor) => {
    const r = await markResolved(await getDb(), orderId, note, actor);
    refresh(orderId);
    return toState(r);
  },
);

export const repairAction = adminAction(repairSchema, async (input, actor) => {
  const r = await repairMismatch(await getDb(), input, actor);
  refresh(input.orderId ?? undefined);
  return toState(r);
});

export const savePricingAction = adminAction(
  z.object({
    markup: z.string().max(40),
    minMargin: z.string().max(40),
    currency: z.string().max(10),
    charm: z.string().max(10).optional(),
    version: z.coerce.number().int().min(0),
  }),
  async ({ version, ...form }, actor) => {
    const rules = parsePricingForm(form);
    if (!rules.ok) return { error: rules.error };
    const r = await savePricing(await getDb(), rules.value, version, actor);
    refresh();
    return toState(r);
  },
);

export const syncAction = adminAction(z.object({}), async (_input, actor) => {
  const r = await syncNow(await getDb(), actor);
  refresh();
  return toState(r);
});

export const bundleFlagAction = adminAction(
  z.object({
    name: z.string().min(1).max(200),
    flag: z.enum(["disabled", "featured"]),
    value: z.enum(["true", "false"]),
  }),
  async ({ name, flag, value }, actor) => {
    const r = await setBundleFlag(await getDb(), name, flag, value === "true", actor);
    refresh();
    return toState(r);
  },
);

// A hand-set exchange rate (units of `currency` per 1 unit of the base currency); an empty rate unpins.
export const pinRateAction = adminAction(
  z.object({ currency: z.string().min(3).max(3), rate: z.string().max(24) }),
  async ({ currency, rate }, actor) => {
    const r = await pinCurrencyRate(await getDb(), currency, rate, actor);
    refresh();
    return r.outcome === "refused" ? { error: r.message } : { ok: r.message };
  },
);
