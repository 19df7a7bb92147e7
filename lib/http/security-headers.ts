// Security headers for every response, set by proxy.ts (runtime: the Stripe and sandbox origins differ per
// deployment) plus the constant ones in next.config.mjs.
//
// Content-Security-Policy, two flavours. Next.js sends each page's data in inline <script> tags, so a policy
// without 'unsafe-inline' needs a per-request nonce — and a nonce forces dynamic rendering (Next's CSP guide).
// Pages that are dynamic anyway and show secrets (success and order pages, account, sign-in, admin) get a
// fresh nonce with 'strict-dynamic': no inline script runs there without it. Catalogue pages are prerendered
// and cached, their speed measured, and they show nothing private; their scripts cannot carry a nonce, and
// hashes cannot be listed because tag revalidation rewrites their inline data at run time. They keep
// script-src 'self' 'unsafe-inline' (what Next documents for static pages), with every other directive as
// strict as on the nonce pages. Experimental SRI was not used: it covers script files only, not the inline
// data, so it would not remove 'unsafe-inline' either.
import { splitLocalePath } from "@/lib/i18n/locales";
import { randomToken } from "@/lib/tokens";
import { defaultLocale, locales } from "@/lib/i18n/locales";

// Both rules are written for the unprefixed path: /de/orders/ord_… is the same page as /orders/ord_….
/** Paths rendered per request that carry tokens, install details or sign-in state: nonce-based CSP. */
// The same pages under a language prefix (/de/orders/…: the links in German emails, Stripe's return to /de/…).
const LOCALE_PREFIX = `(?:\\/(?:${locales.filter((l) => l !== defaultLocale).join("|")}))?`;
const NONCE_PAGES = new RegExp(
  `^${LOCALE_PREFIX}\\/(checkout\\/success|orders\\/ord_[^/]*|account|admin|sign-in)(\\/|$)`,
);
/** Paths whose URL carries a credential: no Referer at all from them. */
const TOKEN_IN_URL = new RegExp(
  `^${LOCALE_PREFIX}\\/(checkout\\/success|orders\\/ord_[^/]*|sign-in\\/confirm|api\\/auth\\/callback)(\\/|$)`,
);

export interface CspContext {
  dev: boolean;
  appUrl: string;
  /** Where a checkout form post is redirected: Stripe's hosted checkout (or the sandbox's). */
  checkoutOrigin: string;
  /** Clerk's Frontend API origin when Clerk is on (clerkFrontendApi), else absent. */
  clerkFrontendApi?: string | null;
}

/** Cloudflare's bot-protection challenge, which Clerk's sign-up embeds as a script and a frame. */
const CLOUDFLARE_CHALLENGES = "https://challenges.cloudflare.com";
/** Clerk's abuse and fraud protection, served on ports other than 443 for connections (hence `:*`). */
const CLERK_PROTECT = "https://*.protect.clerk.com";

/**
 * Clerk's Frontend API origin, from the publishable key: `pk_test_`/`pk_live_` then base64 of the host and a
 * `$`. Anything that is not a plain host name gives null, so a strange key can never write into the policy.
 */
export function clerkFrontendApi(publishableKey: string | undefined): string | null {
  const m = /^pk_(test|live)_([A-Za-z0-9+/=_-]+)$/.exec(publishableKey ?? "");
  if (!m) return null;
  const decoded = Buffer.from(m[2]!, "base64").toString("utf8");
  if (!decoded.endsWith("$")) return null;
  const host = decoded.slice(0, -1);
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(host) ? `https://${host}` : null;
}

export function usesNonce(pathname: string): boolean {
  return NONCE_PAGES.test(splitLocalePath(pathname).path);
}

export function newNonce(): string {
  return randomToken(16);
}

export function contentSecurityPolicy(pathname: string, ctx: CspContext, nonce?: string): string {
  if (pathname.startsWith("/api/")) return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
  const appOrigin = new URL(ctx.appUrl).origin;
  const clerk = ctx.clerkFrontendApi;
  // What Clerk's CSP guide lists. Under a nonce with 'strict-dynamic' browsers ignore host sources in script-src
  // and Clerk's script loads by the nonce (Clerk reads it from the request's policy); the hosts stay for
  // browsers without 'strict-dynamic' and for the catalogue pages' policy.
  const clerkScript = clerk ? ` ${clerk} ${CLOUDFLARE_CHALLENGES} ${CLERK_PROTECT}` : "";
  const script = nonce
    ? `'self' 'nonce-${nonce}' 'strict-dynamic'${ctx.dev ? " 'unsafe-eval'" : ""}${clerkScript}`
    : `'self' 'unsafe-inline'${ctx.dev ? " 'unsafe-eval'" : ""}${clerkScript}`;
  const directives = [
    "default-src 'self'",
    `script-src ${script}`,
    // Style attributes (progress bars) need 'unsafe-inline'; a nonce here would disable it. Clerk needs it too.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${clerk ? " https://img.clerk.com" : ""}`,
    "font-src 'self' data:",
    `connect-src 'self'${ctx.dev ? " ws: wss:" : ""}${clerk ? ` ${clerk} ${CLERK_PROTECT}:*` : ""}`,
    ...(clerk ? [`frame-src 'self' ${CLOUDFLARE_CHALLENGES} ${CLERK_PROTECT}`, "worker-src 'self' blob:"] : []),
    "object-src 'none'",
    "base-uri 'self'",
    // Browsers check form-action on the redirect too: the Buy button's 303 goes to Stripe.
    `form-action 'self' ${appOrigin} ${ctx.checkoutOrigin}`,
    "frame-ancestors 'none'",
  ];
  if (ctx.appUrl.startsWith("https://")) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function referrerPolicy(pathname: string): string {
  return TOKEN_IN_URL.test(splitLocalePath(pathname).path) ? "no-referrer" : "strict-origin-when-cross-origin";
}
