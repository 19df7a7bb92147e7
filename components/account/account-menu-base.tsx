// What the header's account control shows, whoever decides the state (our session or Clerk's).
import Link from "next/link";
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
  if (state === "signed-in") {
    return (
      <div className="flex items-center gap-1">
        {workspace && (
          <Link href={workspace.href} className={LINK}>
            {workspace.label}
          </Link>
        )}
        <Link href="/account" className={LINK}>
          My eSIMs
        </Link>
        {signOut}
      </div>
    );
  }
  // Before the answer, and without JavaScript: "Account", which signs in when needed.
  return (
    <Link href={state === "signed-out" ? "/sign-in" : "/account"} className={LINK}>
      {state === "signed-out" ? "Sign in" : "Account"}
    </Link>
  );
}
