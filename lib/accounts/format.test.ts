import { describe, expect, it } from "vitest";
import { formatBytes, parseDay, timeAgo } from "./format";

describe("account formatting", () => {
  it("formats bytes in decimal units", () => {
    expect(formatBytes(750_000_000)).toBe("750 MB");
    expect(formatBytes(1_250_000_000)).toBe("1.25 GB");
    expect(formatBytes(2_000_000_000)).toBe("2 GB");
    expect(formatBytes(null)).toBe("—");
  });
  it("says how long ago", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    expect(timeAgo(new Date("2026-01-01T11:59:30Z"), now)).toBe("just now");
    expect(timeAgo(new Date("2026-01-01T11:57:00Z"), now)).toBe("3 min ago");
    expect(timeAgo(new Date("2025-12-29T12:00:00Z"), now)).toBe("3 days ago");
  });
  it("parses only real days", () => {
    expect(parseDay("2026-02-03")?.toISOString()).toBe("2026-02-03T00:00:00.000Z");
    expect(parseDay("2026-13-45")).toBeUndefined();
    expect(parseDay("yesterday")).toBeUndefined();
  });
});
