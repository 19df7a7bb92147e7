import { describe, expect, it } from "vitest";
import { locales } from "./locales";
import { messagesFor, namespaces } from "./messages";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("message catalogues", () => {
  for (const locale of locales) {
    it(`${locale} has exactly the keys English has, each a non-empty string`, () => {
      for (const ns of namespaces) {
        const english = keys(messagesFor("en")[ns]).sort();
        const translated = keys(messagesFor(locale)[ns]).sort();
        expect(translated, `${locale}/${ns}`).toEqual(english);
        for (const key of translated) {
          const text = key
            .split(".")
            .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messagesFor(locale)[ns]);
          if (key) expect(typeof text === "string" && text.trim().length > 0, `${locale}/${ns}.${key}`).toBe(true);
        }
      }
    });
  }
});
