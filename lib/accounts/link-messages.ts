// The email-link actions' refusals in the page's language. lib/auth/email-link words them in English for the
// API; the forms say the same things through the `auth.action` messages, chosen here.
import type { RequestLinkResult } from "@/lib/auth/email-link";

export type LinkRefusal =
  | { key: "rateLimited"; values: { unit: "seconds" | "minutes"; n: number } }
  | { key: "enterEmail" | "tooLong" | "invalidEmail"; values?: undefined };

/** Which message answers requestSignInLink's refusal: a rate limit with its wait (as waitPhrase words it), or a bad address. */
export function linkRefusal(email: string, result: Extract<RequestLinkResult, { error: string }>): LinkRefusal {
  const s = result.retryAfterSeconds;
  if (s !== undefined)
    return {
      key: "rateLimited",
      values: s < 90 ? { unit: "seconds", n: s } : { unit: "minutes", n: Math.ceil(s / 60) },
    };
  const trimmed = email.trim();
  if (!trimmed) return { key: "enterEmail" };
  if (trimmed.length > 254) return { key: "tooLong" };
  return { key: "invalidEmail" };
}
