import { describe, expect, it } from "vitest";
import { localizedPath } from "./paths";

describe("localizedPath", () => {
  it("leaves English unprefixed and puts German and Spanish under their prefix", () => {
    expect(localizedPath("en", "/help/install")).toBe("/help/install");
    expect(localizedPath("de", "/help/install")).toBe("/de/help/install");
    expect(localizedPath("es", "/orders/ord_1?token=a#esim")).toBe("/es/orders/ord_1?token=a#esim");
  });

  it("maps the home page to the bare prefix", () => {
    expect(localizedPath("en", "/")).toBe("/");
    expect(localizedPath("de", "/")).toBe("/de");
    expect(localizedPath("es", "/?error=rate_limited")).toBe("/es?error=rate_limited");
  });
});
