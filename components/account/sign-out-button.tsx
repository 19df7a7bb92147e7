import { env } from "@/lib/env";
import { ClerkSignOut } from "./clerk-sign-out";

const DEFAULT_CLASS = "rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100";

/** Sign-out as a plain form post (works without JavaScript); Clerk's own sign-out when Clerk is on. */
export function SignOutButton({ className = DEFAULT_CLASS }: { className?: string }) {
  if (env().clerk.enabled) return <ClerkSignOut className={className} />;
  return (
    <form action="/api/auth/sign-out" method="post">
      <button type="submit" className={className}>
        Sign out
      </button>
    </form>
  );
}
