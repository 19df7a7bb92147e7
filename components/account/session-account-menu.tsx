"use client";
// The header control with Tern's own sign-in: asks /api/auth/session in the browser, so the pages around
// it stay static and cached.
import { useEffect, useState } from "react";
import { AccountMenuView, type AccountMenuState, type Workspace } from "./account-menu-base";
import { SignOutForm } from "./sign-out-form";

export function SessionAccountMenu() {
  const [state, setState] = useState<AccountMenuState>("unknown");
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/auth/session", { signal: controller.signal, cache: "no-store" })
      .then((res) =>
        res.ok
          ? (res.json() as Promise<{ signedIn: boolean; workspace?: Workspace | null }>)
          : { signedIn: false, workspace: null },
      )
      .then((body) => {
        setWorkspace(body.workspace ?? null);
        setState(body.signedIn ? "signed-in" : "signed-out");
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return <AccountMenuView state={state} signOut={<SignOutForm />} workspace={workspace} />;
}
