// AES-256-GCM with the ICCID as associated data, so a sealed code copied onto another row does not open.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

export class StockKeyMissing extends Error {
  constructor() {
    super("STOCK_ENCRYPTION_KEY is not set: stock activation codes cannot be sealed or opened (see .env.example).");
    this.name = "StockKeyMissing";
  }
}

function key(given?: Buffer | null): Buffer {
  const k = given === undefined ? env().stock.encryptionKey : given;
  if (!k) throw new StockKeyMissing();
  return k;
}

export function sealCode(code: string, iccid: string, withKey?: Buffer | null): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(withKey), iv);
  cipher.setAAD(Buffer.from(iccid));
  const ct = Buffer.concat([cipher.update(code, "utf8"), cipher.final()]);
  return ["s1", iv, ct, cipher.getAuthTag()]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function openCode(sealed: string, iccid: string, withKey?: Buffer | null): string {
  const [version, iv, ct, tag] = sealed.split(".");
  if (version !== "s1" || !iv || !ct || !tag) throw new Error("not a sealed activation code");
  const decipher = createDecipheriv("aes-256-gcm", key(withKey), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(iccid));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
