import { describe, expect, it } from "vitest";
import { linkRefusal } from "./link-messages";

describe("linkRefusal", () => {
  it("answers a rate limit with its wait, in seconds below 90 and whole minutes above", () => {
    expect(linkRefusal("a@example.com", { error: "x", retryAfterSeconds: 30 })).toEqual({
      key: "rateLimited",
      values: { unit: "seconds", n: 30 },
    });
    expect(linkRefusal("a@example.com", { error: "x", retryAfterSeconds: 241 })).toEqual({
      key: "rateLimited",
      values: { unit: "minutes", n: 5 },
    });
  });

  it("tells an empty, an overlong and a malformed address apart", () => {
    expect(linkRefusal("   ", { error: "x" }).key).toBe("enterEmail");
    expect(linkRefusal(`${"a".repeat(250)}@example.com`, { error: "x" }).key).toBe("tooLong");
    expect(linkRefusal("not-an-address", { error: "x" }).key).toBe("invalidEmail");
  });
});
