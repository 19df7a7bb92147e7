// Same-origin check for state-changing form posts (sign-in, sign-out): a page on another site can submit a
// form to us, and SameSite=Lax does not stop a top-level POST from carrying a *new* login. Browsers send
// Origin on every POST; Sec-Fetch-Site backs it up. Neither present (a script, a very old browser): refused.
export function isSameOrigin(request: Request, appUrl: string): boolean {
  const origin = request.headers.get("origin");
  if (origin) return origin === new URL(appUrl).origin;
  return request.headers.get("sec-fetch-site") === "same-origin";
}
