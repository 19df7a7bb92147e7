"use server";
// Top-up: a plain form post (works without JavaScript) that sends the customer to Stripe Checkout.
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { currentUser } from "@/lib/auth";
import { CheckoutError } from "@/lib/payments/checkout";
import { startTopUp, TopUpError } from "@/lib/accounts/topup";
import { log } from "@/lib/observability/logger";

const schema = z.object({ iccid: z.string().regex(/^\d{10,22}$/), bundle: z.string().min(1).max(200) });

export async function topUpAction(formData: FormData): Promise<void> {
  const parsed = schema.safeParse({ iccid: formData.get("iccid"), bundle: formData.get("bundle") });
  if (!parsed.success) redirect("/account");
  const { iccid, bundle } = parsed.data;
  const back = `/account/esims/${encodeURIComponent(iccid)}`;
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(back)}`);
  let checkoutUrl: string;
  try {
    ({ checkoutUrl } = await startTopUp(await getDb(), {
      customerId: user.id,
      email: user.email,
      iccid,
      bundleName: bundle,
    }));
  } catch (err) {
    const code = err instanceof TopUpError || err instanceof CheckoutError ? err.code : "checkout_failed";
    if (!(err instanceof TopUpError || err instanceof CheckoutError)) log.error({ err }, "top-up failed");
    redirect(`${back}?topup_error=${code}#top-up`);
  }
  redirect(checkoutUrl);
}
