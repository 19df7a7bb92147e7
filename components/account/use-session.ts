"use client";
// Who is signed in, asked once per page from /api/auth/session: the header's account control and its phone
// menu both read it, and share the one request made while they mount.
import { useEffect, useState } from "react";
import type { Workspace } from "./account-menu-base";

export interface HeaderSession {
  signedIn: boolean;
  workspace: Workspace | null;
}

let inFlight: Promise<HeaderSession | null> | null = null;

function readSession(): Promise<HeaderSession | null> {
  // Shared only while in flight: a later mount (after signing in or out) asks again.
  inFlight ??= fetch("/api/auth/session", { cache: "no-store" })
    .then((res) =>
      res.ok ? (res.json() as Promise<{ signedIn?: boolean; workspace?: Workspace | null }>) : { signedIn: false },
    )
    .then((body) => ({ signedIn: Boolean(body.signedIn), workspace: body.workspace ?? null }))
    .catch(() => null)
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** Null until the answer (or when it could not be had). */
export function useHeaderSession(): HeaderSession | null {
  const [session, setSession] = useState<HeaderSession | null>(null);
  useEffect(() => {
    let live = true;
    void readSession().then((s) => {
      if (live && s) setSession(s);
    });
    return () => {
      live = false;
    };
  }, []);
  return session;
}
