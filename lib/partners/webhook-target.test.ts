// SSRF guard for partner webhook endpoints: with PARTNER_WEBHOOKS_ALLOW_PRIVATE off (a live shop), plain http,
// literal private addresses and names that resolve to one are refused; with it on (the sandbox) they pass.
import dns from "node:dns";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv, resetEnvCache } from "@/lib/env";
import {
  deliveryErrorText,
  isPrivateAddress,
  publicOnlyLookup,
  staticTargetProblem,
  webhookTargetProblem,
} from "./webhook-target";
import { post } from "./webhook-delivery";

/** Makes dns.lookup answer `addresses` for every name, as a hostile DNS server would. */
function resolveTo(...addresses: string[]) {
  return vi.spyOn(dns, "lookup").mockImplementation(((_host: string, _opts: unknown, cb: unknown) => {
    (cb as (e: null, a: { address: string; family: number }[]) => void)(
      null,
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
  }) as unknown as typeof dns.lookup);
}

/** Makes dns.lookup fail for every name, with `code` (ENOTFOUND: no such name; EAI_AGAIN: no answer). */
function failLookup(code: string) {
  return vi.spyOn(dns, "lookup").mockImplementation(((host: string, _opts: unknown, cb: unknown) => {
    const err: NodeJS.ErrnoException = new Error(`getaddrinfo ${code} ${host}`);
    err.code = code;
    (cb as (e: NodeJS.ErrnoException) => void)(err);
  }) as unknown as typeof dns.lookup);
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("private addresses", () => {
  it.each([
    "127.0.0.1",
    "127.255.1.2",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "0.0.0.0",
    "100.64.0.1",
    "::1",
    "::",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "::ffff:10.0.0.1",
    "::ffff:127.0.0.1",
    "64:ff9b::a00:1",
    "not-an-ip",
  ])("%s is refused", (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each(["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])("%s is public", (ip) =>
    expect(isPrivateAddress(ip)).toBe(false),
  );
});

describe("saving an endpoint with private targets refused", () => {
  it.each([
    "http://127.0.0.1/",
    "https://127.0.0.1/hooks",
    "https://10.1.2.3/",
    "https://[::1]:8443/",
    "https://[fe80::1]/",
    "https://[::ffff:192.168.0.1]/",
    "https://0.0.0.0/",
    "https://169.254.169.254/latest/meta-data",
    "https://localhost/",
    "http://hooks.example.com/",
    "https://user:pass@hooks.example.com/",
    "ftp://hooks.example.com/",
  ])("%s", async (url) => {
    const lookup = resolveTo("93.184.216.34");
    expect(await webhookTargetProblem(url, false)).toEqual(expect.any(String));
    lookup.mockRestore();
  });

  // The message must not say which address: a partner could otherwise map our internal DNS through it.
  it("refuses a name that resolves to 10.x, or to any private address among public ones, without naming it", async () => {
    resolveTo("10.0.0.7");
    const problem = await webhookTargetProblem("https://vm/", false);
    expect(problem).toBe("vm must resolve to a public address; use a public host.");
    vi.restoreAllMocks();
    resolveTo("93.184.216.34", "fd00::5");
    const mixed = await webhookTargetProblem("https://hooks.agency.example/", false);
    expect(mixed).toMatch(/must resolve to a public address/);
    expect(mixed).not.toMatch(/fd00|93\.184/);
  });

  // No DNS oracle: whether the name points inside our network, exists at all, or our resolver could not tell, the
  // partner reads the same sentence, at save time and in the delivery log, and never an address.
  const NOT_PUBLIC = "vm.internal must resolve to a public address; use a public host.";
  it.each([
    ["a private address", () => resolveTo("10.0.0.7")],
    ["private among public addresses", () => resolveTo("93.184.216.34", "fd00::5")],
    ["loopback", () => resolveTo("127.0.0.1")],
    ["no address at all", () => resolveTo()],
    ["a name that does not exist", () => failLookup("ENOTFOUND")],
    ["a resolver that does not answer", () => failLookup("EAI_AGAIN")],
    ["a resolver that refuses", () => failLookup("ESERVFAIL")],
  ])("%s: one answer at save and at delivery, naming no address", async (_case, dnsAnswers) => {
    // A live shop: delivery checks the name at connection time.
    vi.stubEnv("PARTNER_WEBHOOKS_ALLOW_PRIVATE", "false");
    resetEnvCache();
    dnsAnswers();
    expect(await webhookTargetProblem("https://vm.internal/hooks", false)).toBe(NOT_PUBLIC);
    const delivered = await post("https://vm.internal/hooks", "{}", {}, AbortSignal.timeout(5000)).then(
      () => null,
      (err: unknown) => err,
    );
    expect(deliveryErrorText(delivered)).toBe(`refused: ${NOT_PUBLIC}`);
  });

  it("a delivery that fails after connecting is logged by its kind, never with the address it reached", () => {
    for (const [code, message] of [
      ["ECONNREFUSED", "connect ECONNREFUSED 93.184.216.34:443"],
      ["ETIMEDOUT", "connect ETIMEDOUT 2606:4700::1111:443"],
      ["ECONNRESET", "socket hang up"],
    ]) {
      const err: NodeJS.ErrnoException = Object.assign(new Error(message), { code });
      const text = deliveryErrorText(err);
      expect(text).toContain(code);
      expect(text).not.toMatch(/93\.184|2606|:443/);
    }
    expect(deliveryErrorText(new Error("refused: Use an https URL: webhooks carry signed order data."))).toBe(
      "refused: Use an https URL: webhooks carry signed order data.",
    );
  });

  it("accepts an https name that resolves only to public addresses", async () => {
    resolveTo("93.184.216.34", "2606:4700::1111");
    expect(await webhookTargetProblem("https://hooks.agency.example/tern", false)).toBeNull();
  });

  it("allows the sandbox's http://127.0.0.1 receivers when private targets are allowed", async () => {
    expect(await webhookTargetProblem("http://127.0.0.1:4010/hooks", true)).toBeNull();
    expect(staticTargetProblem("ftp://127.0.0.1/", true)).toEqual(expect.any(String));
  });
});

describe("the connection's lookup", () => {
  const lookup = (host: string, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
      publicOnlyLookup(host, { all }, (err, address) => resolve({ err, address })),
    );

  it("refuses a name that resolves privately at connection time (DNS rebinding)", async () => {
    resolveTo("93.184.216.34", "127.0.0.1");
    const { err } = await lookup("hooks.agency.example", true);
    expect(err?.code).toBe("EPRIVATETARGET");
    expect(err?.message).toBe("refused: hooks.agency.example must resolve to a public address; use a public host.");
    expect(err?.message).not.toMatch(/127\.0\.0\.1|93\.184/);
  });

  it("hands public addresses to the socket", async () => {
    resolveTo("93.184.216.34");
    expect((await lookup("hooks.agency.example", false)).address).toBe("93.184.216.34");
    expect((await lookup("hooks.agency.example", true)).address).toEqual([{ address: "93.184.216.34", family: 4 }]);
  });
});

describe("PARTNER_WEBHOOKS_ALLOW_PRIVATE", () => {
  const live = { NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_x" };
  const liveEnv = {
    ...live,
    SESSION_SECRET: "s".repeat(32),
    ADMIN_EMAILS: "ops@tern.example",
    // A live shop must say who it is before it may take money.
    SHOP_LEGAL_NAME: "Tern Travel Ltd",
    SHOP_ADDRESS: "1 Harbour Street, Dublin",
    SHOP_SUPPORT_EMAIL: "help@tern.example",
  };
  it("is on while no service is live, off for a live shop unless set", () => {
    expect(parseEnv({}).partnerWebhooks.allowPrivate).toBe(true);
    expect(parseEnv({ NODE_ENV: "production" }).partnerWebhooks.allowPrivate).toBe(true);
    expect(parseEnv(liveEnv).partnerWebhooks.allowPrivate).toBe(false);
    expect(parseEnv({ ...liveEnv, PARTNER_WEBHOOKS_ALLOW_PRIVATE: "true" }).partnerWebhooks.allowPrivate).toBe(true);
    expect(parseEnv({ PARTNER_WEBHOOKS_ALLOW_PRIVATE: "false" }).partnerWebhooks.allowPrivate).toBe(false);
  });
});
