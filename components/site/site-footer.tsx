import Link from "next/link";
import { registrationLine, shopIdentity } from "@/lib/shop/identity";
import { Logo } from "./logo";
import { priceBook } from "@/lib/currency/display";
import { CurrencyPicker } from "@/components/currency/currency-picker";

export async function SiteFooter() {
  const shop = shopIdentity();
  const selling = await sellingCurrencies();
  const registration = registrationLine(shop);
  return (
    <footer className="mt-16 border-t border-slate-200 bg-slate-50">
      <div className="container-page grid gap-10 py-12 sm:grid-cols-2 lg:grid-cols-[1.4fr_1fr_1fr_1fr]">
        <div className="space-y-4">
          <Logo />
          <p className="max-w-sm text-sm leading-relaxed text-slate-600">
            Prepaid eSIM data for travellers. Pick a plan, pay, and your eSIM arrives by email within seconds.
          </p>
          <ul className="space-y-2 text-sm text-slate-700">
            <li className="flex gap-2">
              <CheckIcon />
              <span>
                <strong className="font-semibold text-slate-900">Refund guarantee:</strong> if we can&apos;t deliver
                your eSIM, you get your money back in full, automatically (
                <Link href="/refund-policy" className="underline underline-offset-2 hover:text-brand-700">
                  refund policy
                </Link>
                ).
              </span>
            </li>
            <li className="flex gap-2">
              <LockIcon />
              <span>
                <strong className="font-semibold text-slate-900">Secure payments by Stripe.</strong> Your card details
                go straight to Stripe and never touch our servers.
              </span>
            </li>
          </ul>
        </div>
        <nav aria-label="Shop">
          <h2 className="text-sm font-semibold text-slate-900">Shop</h2>
          <ul className="mt-3 space-y-2 text-sm">
            <FooterLink href="/destinations">All destinations</FooterLink>
            <FooterLink href="/regions">Regional &amp; global plans</FooterLink>
            <FooterLink href="/account">Your eSIMs</FooterLink>
          </ul>
        </nav>
        <nav aria-label="Help">
          <h2 className="text-sm font-semibold text-slate-900">Help</h2>
          <ul className="mt-3 space-y-2 text-sm">
            <FooterLink href="/help/install">How to install an eSIM</FooterLink>
            <FooterLink href="/help/install#iphone">iPhone guide</FooterLink>
            <FooterLink href="/help/install#android">Android guide</FooterLink>
            <FooterLink href="/help/install#troubleshooting">Troubleshooting</FooterLink>
            <FooterLink href="/faq">FAQ</FooterLink>
            <FooterLink href="/contact">Contact us</FooterLink>
          </ul>
        </nav>
        <nav aria-label="Policies">
          <h2 className="text-sm font-semibold text-slate-900">Policies</h2>
          <ul className="mt-3 space-y-2 text-sm">
            <FooterLink href="/terms">Terms of service</FooterLink>
            <FooterLink href="/refund-policy">Refund policy</FooterLink>
            <FooterLink href="/privacy">Privacy policy</FooterLink>
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
            {registration ? ` · ${registration}` : ""}. Prices include all fees; no roaming charges from us.
          </p>
          <CurrencyPicker selling={selling} />
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
