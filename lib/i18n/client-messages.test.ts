import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { accountClientMessages, authClientMessages, pageClientMessages } from "./client-messages";
import { locales } from "./locales";

const ROOT = path.resolve(__dirname, "../..");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Every client component with the message namespaces it reads. */
const clientComponents = [...files(path.join(ROOT, "components")), ...files(path.join(ROOT, "app"))]
  .map((file) => ({ file: path.relative(ROOT, file), source: readFileSync(file, "utf8") }))
  .filter(({ source }) => /^\s*(\/\/.*\n\s*)*["']use client["']/.test(source))
  .map(({ file, source }) => ({
    file,
    namespaces: [...source.matchAll(/useTranslations\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]!),
  }))
  .filter((c) => c.namespaces.length > 0);

function has(messages: object, namespace: string): boolean {
  let node: unknown = messages;
  for (const part of namespace.split(".")) {
    if (typeof node !== "object" || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

const accountArea = (file: string) => file.startsWith("components/account/") || file.includes("/(account)/");
const authArea = (file: string) => file === "components/account/sign-in-form.tsx" || file.includes("/(auth)/");

describe("the messages the browser gets", () => {
  it("found the client components that read messages", () => {
    expect(clientComponents.map((c) => c.file)).toEqual(
      expect.arrayContaining(["components/account/sign-in-form.tsx", "components/devices/device-finder.tsx"]),
    );
  });

  for (const locale of locales) {
    it(`${locale}: every client component finds its messages where it is rendered`, () => {
      for (const { file, namespaces } of clientComponents) {
        const where: [string, object][] = [];
        if (accountArea(file)) where.push(["account pages", accountClientMessages(locale)]);
        if (authArea(file)) where.push(["sign-in pages", authClientMessages(locale)]);
        if (where.length === 0) where.push(["every page", pageClientMessages(locale)]);
        for (const [area, messages] of where)
          for (const ns of namespaces) expect(has(messages, ns), `${file} reads ${ns} on ${area}`).toBe(true);
      }
    });
  }

  it("keeps the account and sign-in catalogues off the store's pages", () => {
    const page = pageClientMessages("de");
    expect(page).not.toHaveProperty("account");
    expect(page).not.toHaveProperty("auth");
    expect(authClientMessages("de")).not.toHaveProperty("account");
    expect(accountClientMessages("de").account.data.deleteFailed).toBe(
      "Wir konnten dein Konto nicht löschen. Bitte versuch es noch einmal.",
    );
    expect(JSON.stringify(page).length).toBeLessThan(JSON.stringify(accountClientMessages("de")).length / 2);
  });
});
