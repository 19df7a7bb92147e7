// An operator's file is trusted like the rest of the deployment: rendered as written, HTML and links included.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { marked } from "marked";
// The library alone: its package entry registers all 78 languages (700 kB) where three are used.
import isoCountries from "i18n-iso-countries/index";
import de from "i18n-iso-countries/langs/de.json" with { type: "json" };
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import es from "i18n-iso-countries/langs/es.json" with { type: "json" };
import { env } from "@/lib/env";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/paths";
import { messagesFor } from "@/lib/i18n/messages";
import { DEFAULT_POLICIES, type PolicySlug } from "./default-policies";
import { DEFAULT_POLICIES_DE } from "./default-policies-de";
import { DEFAULT_POLICIES_ES } from "./default-policies-es";
import { registrationLine, shopIdentity, type ShopIdentity } from "./identity";

isoCountries.registerLocale(en);
isoCountries.registerLocale(de);
isoCountries.registerLocale(es);

export const DEFAULT_POLICY_TEXTS: Record<Locale, Record<PolicySlug, string>> = {
  en: DEFAULT_POLICIES,
  de: DEFAULT_POLICIES_DE,
  es: DEFAULT_POLICIES_ES,
};

export const POLICY_SLUGS = Object.keys(DEFAULT_POLICIES) as PolicySlug[];

export function policyTitle(slug: PolicySlug, locale: Locale): string {
  return messagesFor(locale).store.policies[slug].title;
}

export interface Policy {
  slug: PolicySlug;
  title: string;
  html: string;
  source: "default" | "file";
}

/** "Germany" → "Deutschland"; what ISO does not know by its English name ("England and Wales") stays as written. */
function localJurisdiction(jurisdiction: string, locale: Locale): string {
  if (locale === "en") return jurisdiction;
  const iso = isoCountries.getAlpha2Code(jurisdiction.trim(), "en");
  return (iso && isoCountries.getName(iso, locale)) || jurisdiction;
}

export function placeholders(shop: ShopIdentity, locale: Locale = defaultLocale): Record<string, string> {
  const registration = registrationLine(shop, locale);
  return {
    name: shop.name,
    legalName: shop.legalName,
    address: shop.address,
    supportEmail: shop.supportEmail,
    supportPhone: shop.supportPhone ?? "",
    jurisdiction: localJurisdiction(shop.jurisdiction, locale),
    contactUrl: localizedPath(locale, "/contact"),
    registration: registration ? `, ${registration}` : "",
    appUrl: shop.appUrl,
  };
}

/** An unknown key is left visible, so a typo in an operator's file shows on the page. */
export function fillPlaceholders(markdown: string, values: Record<string, string>): string {
  return markdown.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Points the default texts' own links (`](/refund-policy)`) at the pages in the same language. */
function localizeLinks(markdown: string, locale: Locale): string {
  return markdown.replace(/\]\((\/(?!\/)[^)\s]*)\)/g, (_, href: string) => `](${localizedPath(locale, href)})`);
}

async function readIfThere(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** A shared `<slug>.md` serves every language, its placeholders worded in English. */
async function operatorFile(slug: PolicySlug, locale: Locale): Promise<{ text: string; locale: Locale } | null> {
  const dir = env().shop.policiesDir;
  if (!dir) return null;
  const own = await readIfThere(path.join(dir, `${slug}.${locale}.md`));
  if (own !== null) return { text: own, locale };
  const shared = await readIfThere(path.join(dir, `${slug}.md`));
  return shared === null ? null : { text: shared, locale: defaultLocale };
}

export async function getPolicy(slug: PolicySlug, locale: Locale = defaultLocale): Promise<Policy> {
  const own = await operatorFile(slug, locale);
  const shop = shopIdentity();
  const markdown = own
    ? fillPlaceholders(own.text, placeholders(shop, own.locale))
    : fillPlaceholders(localizeLinks(DEFAULT_POLICY_TEXTS[locale][slug], locale), placeholders(shop, locale));
  const html = await marked.parse(markdown, { gfm: true, async: true });
  return { slug, title: policyTitle(slug, locale), html, source: own ? "file" : "default" };
}
