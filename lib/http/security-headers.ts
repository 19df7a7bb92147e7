// Security headers, set by proxy.ts. Pages that show secrets get a per-request nonce with 'strict-dynamic';
// prerendered catalogue pages cannot carry a nonce (tag revalidation rewrites their inline data), so they keep
// script-src 'self' 'unsafe-inline' with every other directive as strict.
import { splitLocalePath } from "@/lib/i18n/locales";
import { randomToken } from "@/lib/tokens";
import { defaultLocale, locales } from "@/lib/i18n/locales";

const LOCALE_PREFIX = `(?:\\/(?:${locales.filter((l) => l !== defaultLocale).join("|")}))?`;
const NONCE_PAGES = new RegExp(
  `^${LOCALE_PREFIX}\\/(checkout\\/success|orders\\/ord_[^/]*|account|admin|sign-in)(\\/|$)`,
);
const TOKEN_IN_URL = new RegExp(
  `^${LOCALE_PREFIX}\\/(checkout\\/success|orders\\/ord_[^/]*|sign-in\\/confirm|api\\/auth\\/callback)(\\/|$)`,
);

export interface CspContext {
  dev: boolean;
  appUrl: string;
  checkoutOrigin: string;
  clerkFrontendApi?: string | null;
}

const CLOUDFLARE_CHALLENGES = "https://challenges.cloudflare.com";
const CLERK_PROTECT = "https://*.protect.clerk.com";

/** A key that does not decode to a plain host name gives null, so it can never write into the policy. */
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
  // Under 'strict-dynamic' Clerk's script loads by the nonce; the hosts serve older browsers and the catalogue pages.
  const clerkScript = clerk ? ` ${clerk} ${CLOUDFLARE_CHALLENGES} ${CLERK_PROTECT}` : "";
  const script = nonce
    ? `'self' 'nonce-${nonce}' 'strict-dynamic'${ctx.dev ? " 'unsafe-eval'" : ""}${clerkScript}`
    : `'self' 'unsafe-inline'${ctx.dev ? " 'unsafe-eval'" : ""}${clerkScript}`;
  const directives = [
    "default-src 'self'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${clerk ? " https://img.clerk.com" : ""}`,
    "font-src 'self' data:",
    `connect-src 'self'${ctx.dev ? " ws: wss:" : ""}${clerk ? ` ${clerk} ${CLERK_PROTECT}:*` : ""}`,
    ...(clerk ? [`frame-src 'self' ${CLOUDFLARE_CHALLENGES} ${CLERK_PROTECT}`, "worker-src 'self' blob:"] : []),
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self' ${appOrigin} ${ctx.checkoutOrigin}`,
    "frame-ancestors 'none'",
  ];
  if (ctx.appUrl.startsWith("https://")) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function referrerPolicy(pathname: string): string {
  return TOKEN_IN_URL.test(splitLocalePath(pathname).path) ? "no-referrer" : "strict-origin-when-cross-origin";
}
