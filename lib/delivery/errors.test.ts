import { describe, expect, it } from "vitest";
import { DeliveryError, isDeliveryError } from "./errors";

const err = (status: number | undefined, code?: string) => new DeliveryError("email", "x", status, code);

describe("DeliveryError.retryable", () => {
  it.each([
    [undefined, undefined, true],
    [408, undefined, true],
    [429, "rate_limit_exceeded", true],
    [500, "internal_server_error", true],
    [503, undefined, true],
    [409, "concurrent_idempotent_requests", true],
    [409, "invalid_idempotent_request", false],
    [400, "validation_error", false],
    [401, "missing_api_key", false],
    [403, "invalid_api_key", false],
    [404, "not_found", false],
    [422, "validation_error", false],
  ])("status %s (%s) → %s", (status, code, retryable) => {
    expect(err(status, code).retryable).toBe(retryable);
  });

  it("is recognisable after crossing module boundaries", () => {
    expect(isDeliveryError(err(500))).toBe(true);
    expect(isDeliveryError(new Error("x"))).toBe(false);
    expect(err(500)).toBeInstanceOf(Error);
    expect(err(500).name).toBe("DeliveryError");
  });
});
