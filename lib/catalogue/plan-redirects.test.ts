import { describe, expect, it } from "vitest";
import { pickCanonical, type RedirectCandidate } from "./plan-redirects";

const key = "JP|5000MB|30D|USD";
const row = (name: string, over: Partial<RedirectCandidate> = {}): RedirectCandidate => ({
  name,
  provider: "esim-go",
  priceMinor: 1000,
  active: true,
  equivalenceKey: key,
  ...over,
});

describe("pickCanonical", () => {
  const retired = row("esim_5GB_30D_JP_V2", { active: false });

  it("sends a plan moved to the other provider to the one the shop now sells", () => {
    expect(pickCanonical(retired, [retired, row("ZENDIT-JP-5GB-30D", { provider: "zendit" })])).toBe(
      "ZENDIT-JP-5GB-30D",
    );
  });

  it("prefers the same provider's re-issue, then the cheaper plan, and never flips between equals", () => {
    const other = row("ZENDIT-JP-5GB-30D", { provider: "zendit", priceMinor: 900 });
    expect(pickCanonical(retired, [other, row("esim_5GB_30D_JP_V3")])).toBe("esim_5GB_30D_JP_V3");
    const b = row("zb", { provider: "zendit", priceMinor: 900 });
    const a = row("za", { provider: "zendit", priceMinor: 900 });
    expect(pickCanonical(retired, [b, a])).toBe("za");
    expect(pickCanonical(retired, [a, b])).toBe("za");
  });

  it("does not redirect a listed plan, a plan with nothing equivalent, or to another retired plan", () => {
    expect(pickCanonical(row("live"), [row("other")])).toBeNull();
    expect(pickCanonical(retired, [row("x", { equivalenceKey: "JP|3000MB|30D|USD" })])).toBeNull();
    expect(pickCanonical(retired, [row("gone", { active: false })])).toBeNull();
    expect(pickCanonical({ ...retired, equivalenceKey: null }, [row("other")])).toBeNull();
  });
});
