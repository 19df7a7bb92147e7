// Where to send a customer after sign-in: a same-origin path only.

/**
 * A same-origin path to send the customer to after sign-in, or the fallback. Rejects absolute URLs,
 * protocol-relative `//evil.example`, backslash tricks browsers normalise to `//`, and control characters:
 * an open redirect on a sign-in link is a phishing tool.
 */
export function safeNextPath(next: string | null | undefined, fallback = "/account"): string {
  if (!next || next.length > 512) return fallback;
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
  try {
    const url = new URL(next, "http://tern.invalid");
    if (url.origin !== "http://tern.invalid") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
