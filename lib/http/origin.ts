// Same-origin check for state-changing form posts (sign-in, sign-out): a page on another site can submit a
// form to us, and SameSite=Lax does not stop a top-level POST from carrying a *new* login. Browsers send
// Origin on every POST — as "null" from a page with Referrer-Policy: no-referrer (our sign-in link page) —
// and Sec-Fetch-Site, which no page script can forge, backs it up. Neither usable (a script): refused.
export function isSameOrigin(request: Request, appUrl: string): boolean {
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") return origin === new URL(appUrl).origin;
  return request.headers.get("sec-fetch-site") === "same-origin";
}
