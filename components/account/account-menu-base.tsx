// What the header's account control shows, whoever decides the state (our session or Clerk's).
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export type AccountMenuState = "unknown" | "signed-in" | "signed-out";

const LINK = buttonClass("secondary", "py-2");

export function AccountMenuView({ state, signOut }: { state: AccountMenuState; signOut: React.ReactNode }) {
  if (state === "signed-in") {
    return (
      <div className="flex items-center gap-1">
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
