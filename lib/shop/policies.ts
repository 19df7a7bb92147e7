// The shop's policy pages: the default text, or the operator's own Markdown file `<slug>.md` in
// SHOP_POLICIES_DIR, with `{{placeholders}}` filled from the shop's identity either way. The files are the
// operator's own (trusted like the rest of the deployment), so their HTML is rendered as written.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { marked } from "marked";
import { env } from "@/lib/env";
import { DEFAULT_POLICIES, type PolicySlug } from "./default-policies";
import { registrationLine, shopIdentity, type ShopIdentity } from "./identity";

export const POLICY_TITLES: Record<PolicySlug, string> = {
  terms: "Terms of service",
  "refund-policy": "Refund policy",
  privacy: "Privacy policy",
  faq: "Frequently asked questions",
};

export interface Policy {
  slug: PolicySlug;
  title: string;
  html: string;
  /** Where the text came from: the built-in default, or the operator's file. */
  source: "default" | "file";
}

/** The values `{{name}}` style placeholders resolve to. */
export function placeholders(shop: ShopIdentity): Record<string, string> {
  const registration = registrationLine(shop);
  return {
    name: shop.name,
    legalName: shop.legalName,
    address: shop.address,
    supportEmail: shop.supportEmail,
    supportPhone: shop.supportPhone ?? "",
    jurisdiction: shop.jurisdiction,
    contactUrl: "/contact",
    registration: registration ? `, ${registration}` : "",
    appUrl: shop.appUrl,
  };
}

/** Fills `{{key}}`; an unknown key is left visible, so a typo in an operator's file shows on the page. */
export function fillPlaceholders(markdown: string, values: Record<string, string>): string {
  return markdown.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole);
}

async function operatorFile(slug: PolicySlug): Promise<string | null> {
  const dir = env().shop.policiesDir;
  if (!dir) return null;
  try {
    return await readFile(path.join(dir, `${slug}.md`), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

export async function getPolicy(slug: PolicySlug): Promise<Policy> {
  const own = await operatorFile(slug);
  const markdown = fillPlaceholders(own ?? DEFAULT_POLICIES[slug], placeholders(shopIdentity()));
  const html = await marked.parse(markdown, { gfm: true, async: true });
  return { slug, title: POLICY_TITLES[slug], html, source: own === null ? "default" : "file" };
}
