// The page token is random and only its SHA-256 is looked up; it is kept sealed (not HMAC-derived, which anyone
// knowing the secret could forge) just until the delivery email carries it.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { randomBase32, randomToken, sha256Hex, tokenMatchesHash } from "@/lib/tokens";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/paths";

export { safeEqual } from "@/lib/tokens";

export function newOrderId(): string {
  return `ord_${randomBase32(20)}`;
}

/** Ids are ASCII: NULs and oversized junk never reach the database. */
export function isOrderId(value: unknown): value is string {
  return typeof value === "string" && /^ord_[0-9a-z]{1,40}$/.test(value);
}

export function newCustomerId(): string {
  return `cus_${randomBase32(20)}`;
}

export const newAccessToken = (): string => randomToken(32);
export const hashAccessToken = sha256Hex;
export const accessTokenMatches = tokenMatchesHash;

function sealKey(secret: string): Buffer {
  return createHash("sha256").update(`tern/order-token-seal/v1:${secret}`).digest();
}

export function sealAccessToken(token: string, orderId: string, secret = env().sessionSecret): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(secret), iv);
  cipher.setAAD(Buffer.from(orderId));
  const ciphertext = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return [
    "v1",
    iv.toString("base64url"),
    ciphertext.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
}

export function unsealAccessToken(sealed: string, orderId: string, secret = env().sessionSecret): string | null {
  const [version, iv, ciphertext, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !ciphertext || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealKey(secret), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(orderId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

export function orderAccessUrl(orderId: string, token: string, locale: Locale = defaultLocale): string {
  return `${env().appUrl}${localizedPath(locale, `/orders/${encodeURIComponent(orderId)}?t=${encodeURIComponent(token)}`)}`;
}
