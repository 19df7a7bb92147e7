import { getLocale, getTranslations } from "next-intl/server";
import { localeOr } from "@/lib/i18n/locales";
import { Link } from "@/lib/i18n/navigation";
import { registrationLine, shopIdentity } from "@/lib/shop/identity";
import { Logo } from "./logo";
import { priceBook } from "@/lib/currency/display";
import { CurrencyPicker } from "@/components/currency/currency-picker";
import { LanguageSwitcher } from "./language-switcher";

/** `languages`: the language links, on the pages that exist in every language (not admin or partner pages). */
export async function SiteFooter({ languages = true }: { languages?: boolean }) {
  const t = await getTranslations("site.footer");
  const shop = shopIdentity();
  const selling = await sellingCurrencies();
  const registration = registrationLine(shop, localeOr(await getLocale()));
  return (
    <footer className="mt-16 border-t border-slate-200 bg-slate-50">
      <div className="container-page grid gap-10 py-12 sm:grid-cols-2 lg:grid-cols-[1.4fr_1fr_1fr_1fr]">
        <div className="space-y-4">
          <Logo />
          <p className="max-w-sm text-sm leading-relaxed text-slate-600">{t("tagline")}</p>
          <ul className="space-y-2 text-sm text-slate-700">
            <li className="flex gap-2">
              <CheckIcon />
              <span>
                {t.rich("refundGuarantee", {
                  strong: (chunks) => <strong className="font-semibold text-slate-900">{chunks}</strong>,
                  policy: (chunks) => (
                    <Link href="/refund-policy" className="underline underline-offset-2 hover:text-brand-700">
                      {chunks}
                    </Link>
                  ),
                })}
              </span>
            </li>
            <li className="flex gap-2">
              <LockIcon />
              <span>
                {t.rich("securePayments", {
                  strong: (chunks) => <strong className="font-semibold text-slate-900">{chunks}</strong>,
                })}
              </span>
            </li>
          </ul>
        </div>
        <nav aria-label={t("shop")}>
          <h2 className="text-sm font-semibold text-slate-900">{t("shop")}</h2>
          <ul className="mt-3 space-y-2 text-sm">
            <FooterLink href="/destinations">{t("allDestinations")}</FooterLink>
            <FooterLink href="/regions">{t("regionalPlans")}</FooterLink>
            <FooterLink href="/account">{t("yourEsims")}</FooterLink>
          </ul>
        </nav>
        <nav aria-label={t("help")}>
          <h2 className="text-sm font-semibold text-slate-900">{t("help")}</h2>
          <ul className="mt-3 space-y-2 text-sm">
            <FooterLink href="/help/install">{t("installGuide")}</FooterLink>
            <FooterLink href="/help/install#iphone">{t("iphoneGuide")}</FooterLink>
            <FooterLink href="/help/install#android">{t("androidGuide")}</FooterLink>
            <FooterLink href="/help/install#troubleshooting">{t("troubleshooting")}</FooterLink>
            <FooterLink href="/faq">{t("faq")}</FooterLink>
            <FooterLink href="/contact">{t("contact")}</FooterLink>
          </ul>
        </nav>
        <nav aria-label={t("policies")}>
          <h2 className="text-sm font-semibold text-slate-900">{t("policies")}</h2>
          <ul className="mt-3 space-y-2 text-sm">
            <FooterLink href="/terms">{t("terms")}</FooterLink>
            <FooterLink href="/refund-policy">{t("refundPolicy")}</FooterLink>
            <FooterLink href="/privacy">{t("privacy")}</FooterLink>
          </ul>
          <address className="mt-4 text-sm leading-relaxed text-slate-600 not-italic">
            {shop.legalName}
            <br />
            {shop.address}
            <br />
            <a href={`mailto:${shop.supportEmail}`} className="underline underline-offset-2 hover:text-brand-700">
              {shop.supportEmail}
            </a>
          </address>
        </nav>
      </div>
      <div className="border-t border-slate-200">
        <div className="container-page flex flex-wrap items-center justify-between gap-3 py-5">
          <p className="text-xs text-slate-600">
            © {new Date().getFullYear()} {shop.legalName}
            {registration ? ` · ${registration}` : ""}. {t("pricesNote")}
          </p>
          <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
            {languages && <LanguageSwitcher />}
            <CurrencyPicker selling={selling} />
          </div>
        </div>
      </div>
    </footer>
  );
}

/** The currencies selling now; none to pick from when the catalogue cannot be read (the page still renders). */
async function sellingCurrencies(): Promise<string[]> {
  try {
    return (await priceBook()).selling;
  } catch {
    return [];
  }
}

function FooterLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <li>
      <Link href={href} className="text-slate-700 underline-offset-2 hover:text-brand-700 hover:underline">
        {children}
      </Link>
    </li>
  );
}

function CheckIcon() {
  return (
    <svg
      viewBox="0 0 20 20"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
      className="mt-0.5 shrink-0 fill-brand-600"
    >
      <path d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17zm-1.2 12.1L5.3 10.1l1.2-1.2 2.3 2.3 4.7-4.7 1.2 1.2-5.9 5.9z" />
    </svg>
  );
}

function LockIcon() {
  return (
    <svg
      viewBox="0 0 20 20"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
      className="mt-0.5 shrink-0 fill-brand-600"
    >
      <path d="M10 1.5A4.5 4.5 0 0 0 5.5 6v2H4.5A1.5 1.5 0 0 0 3 9.5v8A1.5 1.5 0 0 0 4.5 19h11a1.5 1.5 0 0 0 1.5-1.5v-8A1.5 1.5 0 0 0 15.5 8h-1V6A4.5 4.5 0 0 0 10 1.5zM7 6a3 3 0 0 1 6 0v2H7V6z" />
    </svg>
  );
}
