import type { RequestLinkResult } from "@/lib/auth/email-link";

export type LinkRefusal =
  | { key: "rateLimited"; values: { unit: "seconds" | "minutes"; n: number } }
  | { key: "enterEmail" | "tooLong" | "invalidEmail"; values?: undefined };

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
