// Where to send a customer after sign-in: a same-origin path only.

const BASE = "http://tern.invalid";
const CONTROL = /[\u0000-\u001f\u007f]/;

/** One leading slash, then no backslash or control character: a path no browser reads as another host. */
function plainPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.includes("\\") && !CONTROL.test(path);
}

/**
 * A same-origin path to send the customer to after sign-in, or the fallback. The check runs on what the URL
 * parser makes of the input, and on that path percent-decoded, because that is what a browser (or a proxy that
 * decodes) follows: `/.//evil.example` and `/%2e%2e//x` are harmless strings that normalise to `//evil.example`,
 * and `/%5c` or `/%2f/` decode to a second leading separator. An open redirect on a sign-in link is a phishing tool.
 */
export function safeNextPath(next: string | null | undefined, fallback = "/account"): string {
  if (!next || next.length > 512 || !plainPath(next)) return fallback;
  let url: URL;
  let decoded: string;
  try {
    url = new URL(next, BASE);
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || !plainPath(url.pathname) || !plainPath(decoded) || decoded.includes("//")) return fallback;
  const out = `${url.pathname}${url.search}${url.hash}`;
  return plainPath(out) ? out : fallback;
}
