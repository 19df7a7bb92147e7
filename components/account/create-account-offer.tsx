// For the private order page (opened from the delivery email without an account): invites the guest to
// keep their eSIMs in an account. Renders nothing for a signed-in visitor.
import { getLocale, getTranslations } from "next-intl/server";
import { getPathname } from "@/lib/i18n/navigation";
import { ButtonLink } from "@/components/ui/button";
import { currentUser } from "@/lib/auth";

export async function CreateAccountOffer({ email }: { email: string | null }) {
  if (await currentUser()) return null;
  const t = await getTranslations("account.offer");
  // The Link prefixes /sign-in; `next` is a whole path, so it carries the locale itself.
  const account = getPathname({ href: "/account", locale: await getLocale() });
  const href = `/sign-in?next=${encodeURIComponent(account)}${email ? `&email=${encodeURIComponent(email)}` : ""}`;
  return (
    <aside className="card p-5" aria-labelledby="account-offer-heading" data-testid="create-account-offer">
      <h2 id="account-offer-heading" className="text-lg font-semibold text-slate-900">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {email
          ? t.rich("bodyEmail", { email, b: (chunks) => <span className="font-medium">{chunks}</span> })
          : t("body")}
      </p>
      <ButtonLink href={href} variant="secondary" className="mt-3">
        {t("button")}
      </ButtonLink>
    </aside>
  );
}
