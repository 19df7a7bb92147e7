// Identifiers an eSIM Go eSIM carries: a Luhn-checked ICCID, an SM-DP+ matching ID, PIN and PUK.
import { randomInt } from "node:crypto";

/** The SM-DP+ the sandbox's eSIMs claim to download from; `.test` so no device could ever reach it. */
export const SANDBOX_SMDP = "rsp.sandbox.esim-go.test";

/** The Luhn check digit for a string of digits (ITU-T E.118 ICCIDs end in one). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right of the payload (the check digit goes after it).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isLuhnValid(number: string): boolean {
  return /^\d+$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === Number(number.slice(-1));
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join("");

/** 19 digits: 89 (telecom) + 44 (UK, where eSIM Go's issuers sit) + 14 random digits + Luhn check digit. */
export function newIccid(taken: (iccid: string) => boolean): string {
  for (;;) {
    const payload = `8944${digits(14)}`;
    const iccid = payload + luhnCheckDigit(payload);
    if (!taken(iccid)) return iccid;
  }
}

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const alnum = (n: number) => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join("");

/** Shaped like eSIM Go's, e.g. `JQ-1Z351U-1U6E44B`. */
export function newMatchingId(): string {
  return `${alnum(2)}-${alnum(6)}-${alnum(7)}`;
}

export const newPin = () => digits(4);
export const newPuk = () => digits(8);

/** The activation code a QR carries (GSMA SGP.22): `LPA:1$<SM-DP+ address>$<matching ID>`. */
export const lpaString = (smdpAddress: string, matchingId: string) => `LPA:1$${smdpAddress}$${matchingId}`;
