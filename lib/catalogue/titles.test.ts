import { describe, expect, it } from "vitest";
import { checkoutLineItem, titleFromProviderText, topUpHeadline } from "./titles";

const plan = { title: "France 5 GB · 30 days", dataMb: 5000, unlimited: false, durationDays: 30 };

describe("checkoutLineItem", () => {
  it("names a new eSIM by our title and promises the QR by email", () => {
    const item = checkoutLineItem(plan, "new");
    expect(item.name).toBe("France 5 GB · 30 days");
    expect(item.description).toContain("QR code");
  });
  it("says a top-up adds data and installs nothing — no QR promised", () => {
    const item = checkoutLineItem(plan, "topup");
    expect(item.name).toBe("Top-up: France 5 GB · 30 days");
    expect(item.description).toBe("5 GB added to the eSIM you already have, for 30 days — nothing to install.");
    expect(item.description).not.toMatch(/QR/);
  });
});

describe("topUpHeadline", () => {
  it("speaks data, not bundle names", () => {
    expect(topUpHeadline({ dataMb: 5000, unlimited: false })).toBe("5 GB added");
    expect(topUpHeadline({ dataMb: 500, unlimited: false })).toBe("500 MB added");
    expect(topUpHeadline({ dataMb: null, unlimited: true })).toBe("Unlimited data added");
  });
});

describe("titleFromProviderText", () => {
  it("turns eSIM Go's description into our words", () => {
    expect(titleFromProviderText("eSIM, 3GB, 30 Days, France, V2")).toBe("France 3 GB · 30 days");
    expect(titleFromProviderText("eSIM, 1GB, 7 Days, United Kingdom, V2")).toBe("United Kingdom 1 GB · 7 days");
    expect(titleFromProviderText("eSIM, Unlimited Lite, 1 Day, Europe+, V2")).toBe("Europe Unlimited · 1 day");
  });
  it("never shows the provider's strings, even for text it cannot read", () => {
    expect(titleFromProviderText(null)).toBe("Data plan");
    expect(titleFromProviderText("")).toBe("Data plan");
    for (const t of ["eSIM, 3GB, 30 Days, France, V2", "eSIM, 1GB, 7 Days, JP, V2"])
      expect(titleFromProviderText(t)).not.toMatch(/eSIM|V2|GB,/);
  });
});
