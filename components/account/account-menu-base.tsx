// What the header's account control shows, whoever decides the state (our session or Clerk's).
import NextLink from "next/link";
import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { buttonClass } from "@/components/ui/button";

export type AccountMenuState = "unknown" | "signed-in" | "signed-out";

/** Where an admin or a partner user works, linked beside "My eSIMs". */
export interface Workspace {
  href: "/admin" | "/partner";
  label: string;
}

const LINK = buttonClass("secondary", "py-2");

export function AccountMenuView({
  state,
  signOut,
  workspace = null,
}: {
  state: AccountMenuState;
  signOut: React.ReactNode;
  workspace?: Workspace | null;
}) {
  const t = useTranslations("site.account");
  if (state === "signed-in") {
    return (
      <div className="flex items-center gap-1">
        {workspace && (
          // The admin and partner areas have no locale prefix.
          <NextLink href={workspace.href} className={LINK}>
            {workspace.label}
          </NextLink>
        )}
        <Link href="/account" className={LINK}>
          {t("myEsims")}
        </Link>
        {signOut}
      </div>
    );
  }
  // Before the answer, and without JavaScript: "Account", which signs in when needed.
  return (
    <Link href={state === "signed-out" ? "/sign-in" : "/account"} className={LINK}>
      {state === "signed-out" ? t("signIn") : t("account")}
    </Link>
  );
}
