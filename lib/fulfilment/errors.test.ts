import { describe, expect, it } from "vitest";
import Stripe from "stripe";
import { ProviderError } from "@/lib/providers/http";
import { DeliveryError } from "@/lib/delivery/errors";
import { classifyError } from "./errors";

const http = (status: number, message: string, retryAfter?: number) =>
  new ProviderError("esim-go", "http", `esim-go POST /orders → ${status}: ${message}`, status, retryAfter, { message });

describe("classifyError", () => {
  it("retries what may work later: no connection, no answer, 5xx, 429 (with its Retry-After)", () => {
    expect(classifyError(new ProviderError("esim-go", "network", "ECONNREFUSED"))).toMatchObject({ kind: "retry" });
    expect(classifyError(new ProviderError("esim-go", "timeout", "timed out"))).toMatchObject({ kind: "retry" });
    expect(classifyError(http(500, "Internal error"))).toMatchObject({ kind: "retry" });
    expect(classifyError(http(503, "Processing - please come back later", 4))).toEqual({
      kind: "retry",
      retryAfterSeconds: 4,
      reason: expect.any(String),
    });
    expect(classifyError(http(429, "Rate limit exceeded", 2))).toEqual({
      kind: "retry",
      retryAfterSeconds: 2,
      reason: expect.any(String),
    });
  });

  it("treats an empty wholesale balance as its own case (eSIM Go: a 400 whose message says so)", () => {
    expect(
      classifyError(http(400, "Insufficient balance: order total 1.18 USD exceeds organisation balance 0.00 USD")),
    ).toMatchObject({ kind: "insufficient_balance" });
    expect(classifyError(http(400, "Not enough BALANCE on account"))).toMatchObject({ kind: "insufficient_balance" });
  });

  it("fails for good on a bundle that is gone, an unknown ICCID or any other 4xx", () => {
    expect(classifyError(http(400, "Bundle esim_1GB_7D_XX_V2 not found in catalogue"))).toMatchObject({
      kind: "permanent",
    });
    expect(classifyError(http(400, "ICCID 894400 not found"))).toMatchObject({ kind: "permanent" });
    expect(classifyError(http(403, "ICCID is not accessible by this organisation"))).toMatchObject({
      kind: "permanent",
    });
    expect(classifyError(http(410, "Gone"))).toMatchObject({ kind: "permanent" });
  });

  it("follows the delivery services' own verdict (storage, email)", () => {
    expect(classifyError(new DeliveryError("email", "Resend: rate limited", 429, "rate_limit_exceeded", 3))).toEqual({
      kind: "retry",
      retryAfterSeconds: 3,
      reason: expect.any(String),
    });
    expect(classifyError(new DeliveryError("storage", "no answer", undefined, undefined))).toMatchObject({
      kind: "retry",
    });
    expect(classifyError(new DeliveryError("email", "Resend: invalid to", 422, "validation_error"))).toMatchObject({
      kind: "permanent",
    });
  });

  it("retries Stripe's transient failures and not its refusals", () => {
    const apiError = Stripe.errors.StripeError.generate({ type: "api_error", message: "boom", statusCode: 500 });
    const invalid = Stripe.errors.StripeError.generate({
      type: "invalid_request_error",
      message: "No such payment_intent",
      code: "resource_missing",
      statusCode: 404,
    });
    expect(classifyError(apiError)).toMatchObject({ kind: "retry" });
    expect(classifyError(invalid)).toMatchObject({ kind: "permanent" });
    expect(
      classifyError(
        Stripe.errors.StripeError.generate({ type: "invalid_request_error", message: "slow down", statusCode: 429 }),
      ),
    ).toMatchObject({ kind: "retry" });
  });

  it("retries anything unrecognised (a database hiccup is no reason to refund); the horizon bounds it", () => {
    expect(classifyError(new Error("connection terminated"))).toMatchObject({ kind: "retry" });
    expect(classifyError("weird")).toMatchObject({ kind: "retry", reason: "weird" });
  });
});
