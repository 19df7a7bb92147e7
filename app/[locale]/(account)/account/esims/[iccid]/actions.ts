"use server";
// Top-up: sends the customer to Stripe Checkout for a compatible plan onto this eSIM. A plain form post
// without JavaScript; with it, an error appears in place.
import { redirect } from "next/navigation";
import { z } from "zod";
import { getTranslations } from "next-intl/server";
import { localeOr, type Locale } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/paths";
import { getDb } from "@/lib/db";
import { validatedActionWithUser } from "@/lib/auth/action";
import { bundleNameSchema } from "@/lib/catalogue/bundle-name";
import { CheckoutError } from "@/lib/payments/checkout-errors";
import { startTopUp, TopUpError } from "@/lib/accounts/esim-topup";
import { confirmInstalled, NOT_FOUND, setSuspended, type ControlResult } from "@/lib/accounts/esim-controls";
import { revalidatePath } from "next/cache";
import { log } from "@/lib/observability/logger";

// The refusals the top-up form words itself (account.topUp.errors); anything else is "failed".
const TOP_UP_ERRORS = [
  "not_found",
  "not_compatible",
  "suspended",
  "bundle_unavailable",
  "price_changed",
  "temporarily_unavailable",
] as const;
const isTopUpError = (code: string): code is (typeof TOP_UP_ERRORS)[number] =>
  (TOP_UP_ERRORS as readonly string[]).includes(code);

// Each form carries the page's locale as a hidden field: the answer is in that language.
const locale = z.string().optional();
const schema = z.object({ iccid: z.string().regex(/^\d{10,22}$/), bundle: bundleNameSchema, locale });

export const topUpAction = validatedActionWithUser(schema, async ({ iccid, bundle, locale }, user) => {
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
    const t = await getTranslations({ locale: localeOr(locale), namespace: "account.topUp.errors" });
    return { error: t(known && isTopUpError(err.code) ? err.code : "failed") };
  }
  // Outside the try: redirect() throws, and must reach Next.
  redirect(checkoutUrl);
});

// The eSIM's own controls. The viewer comes from the session; a stranger's iccid is "not found".
const iccidOnly = z.object({ iccid: z.string().regex(/^\d{10,22}$/), locale });

// lib/accounts/esim-controls answers in English (the admin pages show it as it is); the customer's page says
// the same in its own language. A message not listed here stays as it came.
const RESULTS: Record<string, string> = {
  "Marked as installed. Enjoy your trip!": "installedDone",
  "Already marked as installed.": "alreadyInstalled",
  "This eSIM's plan was taken back; there is nothing to install.": "takenBackInstall",
  "Already suspended.": "alreadySuspended",
  "Already active.": "alreadyActive",
  "This eSIM's plan was taken back; it cannot be changed.": "takenBack",
  "Nothing to change.": "nothingToChange",
  "Suspended: the eSIM carries no data until you restore it.": "suspendedNetwork",
  "Suspended in this shop: no top-ups can be added until you restore it. The eSIM itself keeps working on a phone it is installed on.":
    "suspendedShop",
  "Restored: the eSIM is active again.": "restored",
  [NOT_FOUND]: "notFound",
};

async function inLocale(message: string, raw: string | undefined): Promise<string> {
  const locale: Locale = localeOr(raw);
  if (locale === "en") return message;
  const t = await getTranslations({ locale, namespace: "account.controls.results" });
  const key = RESULTS[message] ?? (/cannot be marked installed/.test(message) ? "cannotInstall" : undefined);
  return key ? t(key) : message;
}

const toState = async (iccid: string, r: ControlResult, raw: string | undefined) => {
  const locale = localeOr(raw);
  revalidatePath(localizedPath(locale, `/account/esims/${iccid}`));
  const message = await inLocale(r.message, raw);
  return r.outcome === "refused" ? { error: message } : { ok: message };
};

export const confirmInstalledAction = validatedActionWithUser(iccidOnly, async ({ iccid, locale }, user) =>
  toState(
    iccid,
    await confirmInstalled(await getDb(), iccid, { customerId: user.id, isAdmin: user.isAdmin, email: user.email }),
    locale,
  ),
);

export const suspendAction = validatedActionWithUser(iccidOnly, async ({ iccid, locale }, user) =>
  toState(
    iccid,
    await setSuspended(await getDb(), iccid, { customerId: user.id, isAdmin: user.isAdmin, email: user.email }, true),
    locale,
  ),
);

export const restoreAction = validatedActionWithUser(iccidOnly, async ({ iccid, locale }, user) =>
  toState(
    iccid,
    await setSuspended(await getDb(), iccid, { customerId: user.id, isAdmin: user.isAdmin, email: user.email }, false),
    locale,
  ),
);
