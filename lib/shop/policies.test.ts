import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv, resetEnvCache } from "@/lib/env";
import { getPolicy } from "./policies";

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
