import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { callbackDedupeKey, CallbackParseError, parseUsageCallback, verifyCallbackSignature } from "./callback";

const KEY = "esim-go-api-key";
const body = JSON.stringify({
  iccid: "8944538532008160222",
  alertType: "Utilisation",
  bundle: {
    id: "215009266",
    reference: "ref-0",
    name: "esim_1GB_7D_GB_V2",
    initialQuantity: 1_000_000_000,
    remainingQuantity: 200_000_000,
    startTime: "2026-01-04T13:20:00Z",
    endTime: "2026-01-11T13:20:00Z",
    unlimited: false,
  },
});
const hmac = (raw: string, key: string, enc: "hex" | "base64") => createHmac("sha256", key).update(raw).digest(enc);

describe("verifyCallbackSignature", () => {
  it("accepts a hex signature (the webhooks guide) in either case", () => {
    expect(verifyCallbackSignature(body, hmac(body, KEY, "hex"), KEY)).toBe(true);
    expect(verifyCallbackSignature(body, hmac(body, KEY, "hex").toUpperCase(), KEY)).toBe(true);
  });
  it("accepts a base64 signature (the API reference)", () => {
    expect(verifyCallbackSignature(body, hmac(body, KEY, "base64"), KEY)).toBe(true);
    expect(verifyCallbackSignature(Buffer.from(body), hmac(body, KEY, "base64"), KEY)).toBe(true);
  });
  it("rejects a signature made with another key", () => {
    expect(verifyCallbackSignature(body, hmac(body, "other-key", "hex"), KEY)).toBe(false);
    expect(verifyCallbackSignature(body, hmac(body, "other-key", "base64"), KEY)).toBe(false);
  });
  it("rejects a tampered body", () => {
    const tampered = body.replace("200000000", "900000000");
    expect(verifyCallbackSignature(tampered, hmac(body, KEY, "hex"), KEY)).toBe(false);
    expect(verifyCallbackSignature(tampered, hmac(body, KEY, "base64"), KEY)).toBe(false);
  });
  it("rejects a missing or junk header", () => {
    for (const h of [undefined, null, "", "   ", "nothex", hmac(body, KEY, "hex").slice(0, 63)])
      expect(verifyCallbackSignature(body, h, KEY)).toBe(false);
  });
});

describe("parseUsageCallback", () => {
  it("keeps a numeric 19-digit ICCID exact", () => {
    const raw =
      '{"iccid": 8944538532008160222, "alertType": "FirstUse", "bundle": {"name": "esim_1GB_7D_GB_V2", "reference": "r"}}';
    const cb = parseUsageCallback(raw);
    expect(cb).toMatchObject({ kind: "alert", iccid: "8944538532008160222", alertType: "FirstUse" });
    // What JSON.parse alone would have done:
    expect(String((JSON.parse(raw) as { iccid: number }).iccid)).not.toBe("8944538532008160222");
  });
  it("reads a V3 alert's bundle figures", () => {
    const cb = parseUsageCallback(body);
    expect(cb.kind === "alert" && cb.bundle).toMatchObject({
      reference: "ref-0",
      initialQuantity: 1e9,
      remainingQuantity: 2e8,
      endTime: "2026-01-11T13:20:00Z",
    });
  });
  it("reads the lifecycle envelope", () => {
    expect(
      parseUsageCallback(
        '{"date":"2026-06-22T13:03:31Z","event":"esim.deletion_scheduled","iccid":89431081610006700381}',
      ),
    ).toEqual({
      kind: "event",
      iccid: "89431081610006700381",
      event: "esim.deletion_scheduled",
      date: "2026-06-22T13:03:31Z",
    });
  });
  it("throws on junk", () => {
    expect(() => parseUsageCallback("not json")).toThrow(CallbackParseError);
    expect(() => parseUsageCallback('{"alertType":"Utilisation","iccid":"abc"}')).toThrow(CallbackParseError);
  });
  it("gives the same dedupe key for a redelivery and a new one for new figures", () => {
    const a = callbackDedupeKey(parseUsageCallback(body));
    expect(callbackDedupeKey(parseUsageCallback(body))).toBe(a);
    expect(callbackDedupeKey(parseUsageCallback(body.replace("200000000", "100000000")))).not.toBe(a);
  });
});
