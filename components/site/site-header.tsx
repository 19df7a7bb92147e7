import { getLocale, getTranslations } from "next-intl/server";
import { getPathname, Link } from "@/lib/i18n/navigation";
import { Logo } from "./logo";
import { SandboxBanner } from "./sandbox-banner";
import { AccountMenu } from "@/components/account/account-menu";
import { WorkspaceMenuItem } from "@/components/account/workspace-menu-item";

const MENU_LINK = "block rounded-md px-3 py-2.5 text-base text-slate-800 hover:bg-slate-100";

const NAV = [
  { href: "/destinations", key: "destinations" },
  { href: "/regions", key: "regions" },
  { href: "/help/install", key: "help" },
] as const;

// The small-screen menu is a <details> element: it opens without JavaScript and ships none. Its links are
// plain anchors, so the menu is closed again on the page they load (a client-side navigation would keep
// the persistent header's menu open).
export async function SiteHeader() {
  const [t, locale] = await Promise.all([getTranslations("site.header"), getLocale()]);
  return (
    <header className="border-b border-slate-200 bg-white">
      <SandboxBanner />
      <div className="container-page flex h-16 items-center justify-between gap-4">
        <Link href="/" className="rounded-md" aria-label={t("home")}>
          <Logo />
        </Link>
        <nav aria-label={t("main")} className="flex items-center">
          <ul className="hidden items-center gap-1 sm:flex">
            {NAV.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                >
                  {t(item.key)}
                </Link>
              </li>
            ))}
            <li className="ml-2">
              <AccountMenu />
            </li>
          </ul>
          <details className="group relative sm:hidden">
            <summary className="flex list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
              <MenuIcon />
              {t("menu")}
            </summary>
            <ul className="absolute right-0 z-20 mt-2 w-56 rounded-xl border border-slate-200 bg-white p-2 shadow-lg">
              {[...NAV, { href: "/account", key: "account" } as const].map((item) => (
                <li key={item.href}>
                  <a href={getPathname({ href: item.href, locale })} className={MENU_LINK}>
                    {t(item.key)}
                  </a>
                </li>
              ))}
              <WorkspaceMenuItem className={MENU_LINK} />
            </ul>
          </details>
        </nav>
      </div>
    </header>
  );
}

function MenuIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false" fill="currentColor">
      <path d="M3 5h14v1.6H3zM3 9.2h14v1.6H3zM3 13.4h14V15H3z" />
    </svg>
  );
}
