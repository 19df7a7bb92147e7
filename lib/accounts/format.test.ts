import { describe, expect, it } from "vitest";
import { elapsed, formatBytes, formatDay, parseDay } from "./format";

describe("account formatting", () => {
  it("formats bytes in decimal units", () => {
    expect(formatBytes(750_000_000)).toBe("750 MB");
    expect(formatBytes(1_250_000_000)).toBe("1.25 GB");
    expect(formatBytes(2_000_000_000)).toBe("2 GB");
    expect(formatBytes(null)).toBe("—");
  });
  it("writes gigabytes with the page's decimal separator", () => {
    expect(formatBytes(1_250_000_000, "de")).toBe("1,25 GB");
    expect(formatBytes(1_250_000_000, "es")).toBe("1,25 GB");
    expect(formatBytes(2_000_000_000, "de")).toBe("2 GB");
  });
  it("writes order days in the page's language, English keeping ISO days", () => {
    const day = new Date("2026-12-07T15:00:00Z");
    expect(formatDay(day)).toBe("2026-12-07");
    expect(formatDay(day, "de")).toBe("07.12.2026");
    expect(formatDay(day, "es")).toBe("7 dic 2026");
  });
  it("says how long ago", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    expect(elapsed(new Date("2026-01-01T11:59:30Z"), now)).toEqual({ unit: "now", n: 0 });
    expect(elapsed(new Date("2026-01-01T11:57:00Z"), now)).toEqual({ unit: "min", n: 3 });
    expect(elapsed(new Date("2026-01-01T10:00:00Z"), now)).toEqual({ unit: "h", n: 2 });
    expect(elapsed(new Date("2025-12-29T12:00:00Z"), now)).toEqual({ unit: "days", n: 3 });
  });
  it("parses only real days", () => {
    expect(parseDay("2026-02-03")?.toISOString()).toBe("2026-02-03T00:00:00.000Z");
    expect(parseDay("2026-13-45")).toBeUndefined();
    expect(parseDay("yesterday")).toBeUndefined();
  });
});
