"use client";
import { useEffect, useState } from "react";
import dynamic from "next/dynamic";
import Link from "next/link";

const LINK = "btn-secondary py-2";
export const PLAIN = "rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100";

type State = "unknown" | "signed-in" | "signed-out";

// A build-time constant (next.config.ts `env`): in a build without Clerk keys the bundler drops this import,
// and with it Clerk's client code from every page.
// eslint-disable-next-line no-restricted-properties -- inlined by the build, not runtime configuration
const CLERK_IN_BUILD = process.env.TERN_CLERK_IN_BUILD === "1";
const ClerkAccountMenu = CLERK_IN_BUILD
  ? dynamic(() => import("./clerk-account-menu"), {
      ssr: false,
      loading: () => <Menu state="unknown" signOut={null} />,
    })
  : null;

export function AccountMenuClient({ clerk }: { clerk: boolean }) {
  return clerk && ClerkAccountMenu ? <ClerkAccountMenu /> : <SessionMenu />;
}

function SessionMenu() {
  const [state, setState] = useState<State>("unknown");
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/auth/session", { signal: controller.signal, cache: "no-store" })
      .then((res) => (res.ok ? (res.json() as Promise<{ signedIn: boolean }>) : { signedIn: false }))
      .then((body) => setState(body.signedIn ? "signed-in" : "signed-out"))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return (
    <Menu
      state={state}
      signOut={
        <form action="/api/auth/sign-out" method="post">
          <button type="submit" className={PLAIN}>
            Sign out
          </button>
        </form>
      }
    />
  );
}

export function Menu({ state, signOut }: { state: State; signOut: React.ReactNode }) {
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
  return (
    <Link href={state === "signed-out" ? "/sign-in" : "/account"} className={LINK}>
      {state === "signed-out" ? "Sign in" : "Account"}
    </Link>
  );
}
