// Signed-URL tokens: HS256 JWTs carrying `{ url: "<bucket>/<path>", iat, exp }`, as Supabase Storage issues
// them. Self-contained, so a signed URL keeps working across a sandbox restart until it expires.
import crypto from "node:crypto";

export interface SignedToken {
  url: string;
  iat: number;
  exp: number;
}

export type VerifyResult = { ok: true; payload: SignedToken } | { ok: false; message: string };

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

export function signToken(secret: string, url: string, expiresInSeconds: number, nowMs = Date.now()): string {
  const iat = Math.floor(nowMs / 1000);
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(JSON.stringify({ url, iat, exp: iat + expiresInSeconds }));
  const signature = crypto.createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/** Messages follow `jsonwebtoken`, which Supabase Storage surfaces verbatim in its error body. */
export function verifyToken(secret: string, token: string, nowMs = Date.now()): VerifyResult {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, message: "jwt malformed" };
  const [header, payload, signature] = parts as [string, string, string];
  const expected = crypto.createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { ok: false, message: "invalid signature" };
  }
  let claims: Partial<SignedToken>;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<SignedToken>;
  } catch {
    return { ok: false, message: "jwt malformed" };
  }
  if (typeof claims.url !== "string" || typeof claims.exp !== "number" || typeof claims.iat !== "number") {
    return { ok: false, message: "jwt malformed" };
  }
  if (Math.floor(nowMs / 1000) >= claims.exp) return { ok: false, message: "jwt expired" };
  return { ok: true, payload: claims as SignedToken };
}
