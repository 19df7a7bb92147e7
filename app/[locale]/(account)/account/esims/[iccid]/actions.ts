"use server";
// Top-up: sends the customer to Stripe Checkout for a compatible plan onto this eSIM. A plain form post
// without JavaScript; with it, an error appears in place.
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { validatedActionWithUser } from "@/lib/auth/action";
import { bundleNameSchema } from "@/lib/catalogue/bundle-name";
import { CheckoutError } from "@/lib/payments/checkout";
import { startTopUp, TopUpError } from "@/lib/accounts/esim-topup";
import { confirmInstalled, setSuspended, type ControlResult } from "@/lib/accounts/esim-controls";
import { revalidatePath } from "next/cache";
import { log } from "@/lib/observability/logger";

const ERRORS: Record<string, string> = {
  not_found: "We couldn't find that eSIM on your account.",
  not_compatible: "That plan can't be added to this eSIM. Please pick another one.",
  suspended: "This eSIM is suspended. Restore it first to add data.",
  bundle_unavailable: "That plan is no longer available. Please pick another one.",
  price_changed: "That plan's price just changed. Please check and try again.",
  temporarily_unavailable: "We can't start the checkout right now. Please try again in a moment.",
};

const schema = z.object({ iccid: z.string().regex(/^\d{10,22}$/, "That is not an eSIM"), bundle: bundleNameSchema });

export const topUpAction = validatedActionWithUser(schema, async ({ iccid, bundle }, user) => {
  let checkoutUrl: string;
  try {
    ({ checkoutUrl } = await startTopUp(await getDb(), {
      customerId: user.id,
      email: user.email,
      iccid,
      bundleName: bundle,
    }));
  } catch (err) {
    const known = err instanceof TopUpError || err instanceof CheckoutError;
    if (!known) log.error({ err }, "top-up failed");
    return { error: (known && ERRORS[err.code]) || "We could not start the top-up. Please try again." };
  }
  // Outside the try: redirect() throws, and must reach Next.
  redirect(checkoutUrl);
});

// The eSIM's own controls. The viewer comes from the session; a stranger's iccid is "not found".
const iccidOnly = z.object({ iccid: z.string().regex(/^\d{10,22}$/, "That is not an eSIM") });
const toState = (iccid: string, r: ControlResult) => {
  revalidatePath(`/account/esims/${iccid}`);
  return r.outcome === "refused" ? { error: r.message } : { ok: r.message };
};

export const confirmInstalledAction = validatedActionWithUser(iccidOnly, async ({ iccid }, user) =>
  toState(
    iccid,
    await confirmInstalled(await getDb(), iccid, { customerId: user.id, isAdmin: user.isAdmin, email: user.email }),
  ),
);

export const suspendAction = validatedActionWithUser(iccidOnly, async ({ iccid }, user) =>
  toState(
    iccid,
    await setSuspended(await getDb(), iccid, { customerId: user.id, isAdmin: user.isAdmin, email: user.email }, true),
  ),
);

export const restoreAction = validatedActionWithUser(iccidOnly, async ({ iccid }, user) =>
  toState(
    iccid,
    await setSuspended(await getDb(), iccid, { customerId: user.id, isAdmin: user.isAdmin, email: user.email }, false),
  ),
);
