const BASE = "http://tern.invalid";
const CONTROL = /[\u0000-\u001f\u007f]/;

function plainPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.includes("\\") && !CONTROL.test(path);
}

// Checked as parsed and percent-decoded, as a browser or decoding proxy follows it: `/.//evil.example` and `/%5c`
// become another host. An open redirect on a sign-in link is a phishing tool.
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
