import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv, resetEnvCache } from "@/lib/env";
import { locales } from "@/lib/i18n/locales";
import { DEFAULT_POLICY_TEXTS, getPolicy, POLICY_SLUGS } from "./policies";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe("shop policies", () => {
  it("fill the default texts from the configured identity", async () => {
    process.env.SHOP_LEGAL_NAME = "Kestrel Mobile GmbH";
    process.env.SHOP_ADDRESS = "Hauptstraße 1, 10115 Berlin";
    process.env.SHOP_VAT_NUMBER = "DE123456789";
    process.env.SHOP_JURISDICTION = "Germany";
    resetEnvCache();
    const terms = await getPolicy("terms");
    expect(terms.source).toBe("default");
    expect(terms.html).toContain("Kestrel Mobile GmbH (Hauptstraße 1, 10115 Berlin), VAT DE123456789");
    expect(terms.html).toContain("governed by the law of Germany");
    expect(terms.html).not.toMatch(/\{\{/);
    const privacy = await getPolicy("privacy");
    for (const processor of ["Stripe", "eSIM Go", "Zendit", "Supabase", "Resend"])
      expect(privacy.html).toContain(processor);
  });

  it("have every policy in every language, section for section", () => {
    const headings = (md: string) => md.match(/^## /gm)?.length ?? 0;
    for (const locale of locales) {
      expect(Object.keys(DEFAULT_POLICY_TEXTS[locale]).sort(), locale).toEqual([...POLICY_SLUGS].sort());
      for (const slug of POLICY_SLUGS) {
        const text = DEFAULT_POLICY_TEXTS[locale][slug];
        expect(headings(text), `${locale}/${slug}`).toBe(headings(DEFAULT_POLICY_TEXTS.en[slug]));
        // The same placeholders as the English text: the identity shows in every language.
        const used = (md: string) => [...new Set(md.match(/\{\{\w+\}\}/g))].sort();
        expect(used(text), `${locale}/${slug}`).toEqual(used(DEFAULT_POLICY_TEXTS.en[slug]));
      }
    }
  });

  it("render each language's default in that language, with the identity and links in the same language", async () => {
    process.env.SHOP_LEGAL_NAME = "Kestrel Mobile GmbH";
    process.env.SHOP_VAT_NUMBER = "DE123456789";
    process.env.SHOP_JURISDICTION = "Germany";
    resetEnvCache();
    const de = await getPolicy("terms", "de");
    expect(de.title).toBe("Allgemeine Geschäftsbedingungen");
    expect(de.html).toContain("Diese Bedingungen gelten, wenn Sie bei <strong>Tern</strong> kaufen");
    expect(de.html).toContain("Kestrel Mobile GmbH (1 Sandbox Street, Dublin D02, Ireland), USt-IdNr. DE123456789");
    expect(de.html).toContain("dem Recht von Deutschland");
    expect(de.html).toContain('href="/de/refund-policy"');
    expect(de.html).toContain('href="/de/contact"');
    const es = await getPolicy("terms", "es");
    expect(es.title).toBe("Condiciones del servicio");
    expect(es.html).toContain("Kestrel Mobile GmbH (1 Sandbox Street, Dublin D02, Ireland), NIF-IVA DE123456789");
    expect(es.html).toContain("se rigen por la legislación de Alemania");
    expect(es.html).toContain('href="/es/privacy"');

    const english = /\b(the|you|your|and|we)\b/gi;
    for (const locale of ["de", "es"] as const) {
      for (const slug of POLICY_SLUGS) {
        const policy = await getPolicy(slug, locale);
        expect(policy.source).toBe("default");
        expect(policy.html, `${locale}/${slug}`).not.toMatch(/\{\{/);
        expect(policy.html.match(english) ?? [], `${locale}/${slug}`).toEqual([]);
        // Every link inside the shop stays in the reader's language.
        for (const [, href] of policy.html.matchAll(/href="(\/[^"]*)"/g))
          expect(href).toMatch(new RegExp(`^/${locale}/`));
      }
    }
    expect((await getPolicy("privacy", "de")).html).toContain(
      "Verantwortlicher für Ihre Daten ist Kestrel Mobile GmbH",
    );
    expect((await getPolicy("privacy", "es")).html).toContain("El responsable del tratamiento de sus datos es Kestrel");
    expect((await getPolicy("faq", "es")).title).toBe("Preguntas frecuentes");
    expect((await getPolicy("refund-policy", "de")).html).toContain(
      "erstatten wir Ihnen den vollen Betrag automatisch",
    );
  });

  it("take the operator's own Markdown file over the default, placeholders filled, typos left visible", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "tern-policies-"));
    await writeFile(
      path.join(dir, "refund-policy.md"),
      "## Our refunds\n\nAsk {{legalName}} within 7 days. {{oops}}\n",
    );
    process.env.SHOP_POLICIES_DIR = dir;
    resetEnvCache();
    const refund = await getPolicy("refund-policy");
    expect(refund.source).toBe("file");
    expect(refund.html).toContain("<h2>Our refunds</h2>");
    expect(refund.html).toContain("Ask Tern Sandbox Ltd within 7 days. {{oops}}");
    // A page without a file keeps its default.
    expect((await getPolicy("terms")).source).toBe("default");
    // One file serves every language as written, unless the operator wrote one for that language.
    const german = await getPolicy("refund-policy", "de");
    expect(german).toMatchObject({ source: "file", title: "Erstattungsrichtlinie" });
    expect(german.html).toContain("Ask Tern Sandbox Ltd within 7 days.");
    await writeFile(path.join(dir, "refund-policy.de.md"), "Fragen Sie {{legalName}} ([Kontakt]({{contactUrl}})).\n");
    expect((await getPolicy("refund-policy", "de")).html).toContain(
      'Fragen Sie Tern Sandbox Ltd (<a href="/de/contact">Kontakt</a>).',
    );
    expect((await getPolicy("refund-policy", "es")).html).toContain("Ask Tern Sandbox Ltd within 7 days.");
  });

  it("refuses a live shop that still wears the sandbox identity", () => {
    const live = { NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_x" };
    const base = { ...live, SESSION_SECRET: "s", ADMIN_EMAILS: "ops@shop.example" };
    expect(() => parseEnv(base)).toThrow(/SHOP_LEGAL_NAME, SHOP_ADDRESS, SHOP_SUPPORT_EMAIL required/);
    expect(
      parseEnv({ ...base, SHOP_LEGAL_NAME: "A Ltd", SHOP_ADDRESS: "1 Road", SHOP_SUPPORT_EMAIL: "help@a.example" })
        .shop,
    ).toMatchObject({ legalName: "A Ltd", supportEmail: "help@a.example" });
    expect(() => parseEnv({ SHOP_SUPPORT_EMAIL: "not an address" })).toThrow();
  });
});
