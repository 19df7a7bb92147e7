import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { checkDevice, DEVICES, searchDevices, tokens } from "./match";
import type { DeviceText } from "./types";

/** What the buyer reads for a variant or note, in English. */
const say = (key: DeviceText) => messagesFor("en").store.devices.text[key];

function matched(query: string) {
  const r = checkDevice(query);
  if (r.kind !== "match") throw new Error(`expected a match for "${query}", got ${r.kind}`);
  return r;
}

describe("checkDevice", () => {
  it("finds the exact model, not a longer name that contains it", () => {
    expect(matched("iPhone 13 mini").device.model).toBe("iPhone 13 mini");
    expect(matched("iphone 13").device.model).toBe("iPhone 13");
    expect(matched("iPhone 15 Pro Max").device.model).toBe("iPhone 15 Pro Max");
    expect(matched("Pixel 7").device.model).toBe("Pixel 7");
  });

  it("understands the way people type: no spaces, no brand, plus signs", () => {
    expect(matched("iphone13mini").device.model).toBe("iPhone 13 mini");
    expect(matched("s23 ultra").device.model).toBe("Galaxy S23 Ultra");
    expect(matched("Galaxy S24+").device.model).toBe("Galaxy S24+");
    expect(matched("samsung galaxy s24 plus").device.model).toBe("Galaxy S24+");
    expect(matched("iPhone SE 2020").device.model).toBe("iPhone SE (2nd generation)");
    expect(matched("google pixel 4a").device.model).toBe("Pixel 4a");
  });

  it("says a plain model works and lists the variants to check", () => {
    const r = matched("iPhone 13");
    expect(r.verdict).toBe("works");
    expect(r.variant).toBeNull();
    expect(r.device.withoutEsim?.map((v) => say(v.label)).join(" ")).toMatch(/mainland China/);
  });

  it("warns that a mainland-China iPhone has no eSIM", () => {
    const r = matched("iPhone 15 Pro China");
    expect(r.device.model).toBe("iPhone 15 Pro");
    expect(r.verdict).toBe("variant_without_esim");
    expect(say(r.variant!.label)).toMatch(/mainland China/);
  });

  it("knows the Hong Kong exception of the mini models (eSIM there) but not of the others", () => {
    expect(matched("iPhone 13 mini Hong Kong").verdict).toBe("works");
    expect(matched("iPhone 13 Hong Kong").verdict).toBe("variant_without_esim");
  });

  it("reads Samsung model numbers, with the Chinese model's trailing 0", () => {
    const global = matched("SM-S911B");
    expect(global.device.model).toBe("Galaxy S23");
    expect(global.verdict).toBe("works");

    const china = matched("SM-S9110");
    expect(china.device.model).toBe("Galaxy S23");
    expect(china.verdict).toBe("variant_without_esim");
    expect(say(china.variant!.label)).toMatch(/Chinese model/);

    expect(matched("sm-s918u1").device.model).toBe("Galaxy S23 Ultra");
    expect(matched("sm-s918u1").verdict).toBe("works");
    // An early US S21 is a known gap; a 2023 US S23 is not.
    expect(matched("SM-G991U").verdict).toBe("variant_without_esim");
  });

  it("says a watch has an eSIM a travel plan cannot use", () => {
    const r = matched("Apple Watch");
    expect(r.verdict).toBe("not_installable");
    expect(r.device.notes?.map(say).join(" ")).toMatch(/cannot be installed/);
  });

  it("does not pretend to know a phone that is not in the list", () => {
    const r = checkDevice("Nokia 3310");
    expect(r.kind).toBe("unknown");
    expect(checkDevice("   ").kind).toBe("empty");
    // A half-typed name is a list of candidates, not a verdict.
    const partial = checkDevice("iPhone 1");
    expect(partial.kind).toBe("unknown");
    if (partial.kind === "unknown") expect(partial.candidates.length).toBeGreaterThan(1);
  });

  it("is not fooled by hostile or huge input", () => {
    expect(checkDevice("<script>alert(1)</script>").kind).toBe("unknown");
    expect(() => checkDevice("a".repeat(100_000))).not.toThrow();
  });
});

describe("searchDevices", () => {
  it("ranks the shortest matching name first while the last word is being typed", () => {
    const names = searchDevices("iphone 13").map((d) => d.model);
    expect(names[0]).toBe("iPhone 13");
    expect(names).toContain("iPhone 13 mini");
    expect(names).not.toContain("iPhone 12");
  });

  it("searches by brand", () => {
    const sony = searchDevices("sony");
    expect(sony.length).toBeGreaterThan(3);
    expect(sony.every((d) => d.brand === "Sony")).toBe(true);
  });
});

describe("the device list", () => {
  it("has unique ids and stays small", () => {
    const ids = DEVICES.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(DEVICES.length).toBeLessThan(400);
  });

  it("has a reachable exact match for every device by its own name", () => {
    for (const d of DEVICES) {
      const r = checkDevice(`${d.brand} ${d.model}`);
      expect(r.kind === "match" && r.device.id, `${d.brand} ${d.model}`).toBe(d.id);
    }
  });

  it("says every variant and note in every language", () => {
    const used = new Set(DEVICES.flatMap((d) => [...(d.withoutEsim ?? []).map((v) => v.label), ...(d.notes ?? [])]));
    for (const locale of locales) {
      const text: Record<string, string> = messagesFor(locale).store.devices.text;
      for (const key of used) expect(text[key], `${locale}: ${key}`).toBeTruthy();
    }
    expect(messagesFor("de").store.devices.text.iphoneChina).toBe(
      "In Festlandchina gekauft (zwei physische SIM-Steckplätze, keine eSIM)",
    );
  });

  it("tokenises consistently", () => {
    expect(tokens("Galaxy S23+")).toEqual(["galaxy", "s", "23", "plus"]);
  });
});
