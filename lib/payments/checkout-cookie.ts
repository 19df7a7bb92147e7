// A random key this browser holds, stored only as a hash: what makes "the same buyer" for a guest (an email
// alone is not a key, anyone can type it).
import { randomToken } from "@/lib/tokens";

export const CHECKOUT_COOKIE = "tern_checkout";
const SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function checkoutBrowserKey(presented: string | undefined | null): { key: string; fresh: boolean } {
  return presented && SHAPE.test(presented) ? { key: presented, fresh: false } : { key: randomToken(32), fresh: true };
}

export function readBrowserKey(presented: string | undefined | null): string | undefined {
  return presented && SHAPE.test(presented) ? presented : undefined;
}

/** Lax: Stripe's redirect back is a top-level navigation, so the cookie comes along. */
export function checkoutCookieOptions(appUrl: string) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: appUrl.startsWith("https://"),
    path: "/",
    maxAge: 30 * 24 * 60 * 60,
  };
}
