// POST /partner/topup — the portal's top-up form: a Stripe Checkout page for the signed-in prepaid partner
// (303 there); the Stripe webhook credits the ledger once the payment succeeds.
import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { BODY_LIMITS, readBodyLimited } from "@/lib/http/body";
import { notFound } from "@/lib/http/errors";
import { refuseCrossSite } from "@/lib/http/origin";
import { partnerOfUser } from "@/lib/partners/accounts";
import { ApiError } from "@/lib/partners/errors";
import { createTopupSession, parseAmount } from "@/lib/partners/balance-topups";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const { appUrl } = env();
  const refused = refuseCrossSite(request, appUrl, "form");
  if (refused) return refused;
  const user = await currentUser();
  if (!user) return NextResponse.redirect(`${appUrl}/sign-in?next=/partner`, 303);
  const partner = await partnerOfUser(await getDb(), user.email);
  if (!partner) return notFound();
  const form = new URLSearchParams(await readBodyLimited(request, BODY_LIMITS.form).catch(() => ""));
  const amount = parseAmount(form.get("amount") ?? "", partner.currency);
  if (amount === null || amount < 500) return NextResponse.redirect(`${appUrl}/partner?topup=invalid`, 303);
  try {
    const topup = await createTopupSession(partner, amount, "/partner");
    return NextResponse.redirect(topup.checkoutUrl, 303);
  } catch (err) {
    if (err instanceof ApiError) return NextResponse.redirect(`${appUrl}/partner?topup=unavailable`, 303);
    throw err;
  }
}
