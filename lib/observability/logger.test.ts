import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { sealAccessToken, newAccessToken } from "@/lib/orders/ids";
import { createLogger } from "./logger";
import { runWithRequestId } from "./context";
import { redact, redactValue, safeError } from "./redact";

// Canaries: if any of these strings appears in output, a secret leaked.
const EMAIL = "canary.traveller+tern@example.org";
const RAW_TOKEN = newAccessToken();
const SEALED = sealAccessToken(RAW_TOKEN, "ord_canary0000000000000", "canary-secret");
const LPA = "LPA:1$smdp.canary.example$CN-CANARY-SECRET7";
const MATCHING_ID = "K7-Q2W9ZX-4RT8PLM";
const SESSION = "cs_test_a1CanarySessionId0123456789";
const CARD = "4242 4242 4242 4242";
const COOKIE = "tern_session=eyJjYW5hcnkiOiJzZXNzaW9uIn0.c2lnbmF0dXJl";
const SECRETS = [EMAIL, RAW_TOKEN, SEALED, LPA, "smdp.canary.example", MATCHING_ID, SESSION, "4242424242424242", CARD];

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(stream, "debug"), lines };
}

function expectNoCanary(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(text).not.toContain("eyJjYW5hcnkiOiJzZXNzaW9uIn0");
}

describe("the logger never prints a secret", () => {
  it("redacts canaries in messages, printf arguments, bound fields, nested objects and errors", async () => {
    const { logger, lines } = capture();
    const child = logger.child({ customerEmail: EMAIL, orderId: "ord_visible123" });
    child.info(`checkout for ${EMAIL} session ${SESSION}`);
    child.info("printf %s and %s", EMAIL, LPA);
    child.warn(
      {
        esim: { lpa: LPA, matchingId: MATCHING_ID, iccid: "8944000000000000001" },
        link: `https://shop.example/orders/ord_x?t=${RAW_TOKEN}`,
        sealed: SEALED,
        headers: { cookie: COOKIE, authorization: "Bearer sk_test_canarysecretkey" },
        payment: { card: { number: CARD.replace(/ /g, ""), cvc: "123" } },
        note: `card ${CARD} cvc: 987`,
      },
      "delivering",
    );
    child.error({ err: new Error(`email to ${EMAIL} refused: ${LPA}`) }, "step failed");
    child.error(new Error(`token ${RAW_TOKEN}`));
    await new Promise((r) => setImmediate(r));
    const all = lines.join("\n");
    expectNoCanary(all);
    expect(all).not.toContain("987");
    // What operators need is still there.
    expect(all).toContain("ord_visible123");
    expect(all).toContain("8944000000000000001");
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ level: "info", orderId: "ord_visible123" });
    expect(typeof first.time).toBe("string");
  });

  it("logs a database error's code and constraint, never its parameters", () => {
    // The shape drizzle throws: the SQL, the bound values, and the driver's error as cause.
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "customers_email_key"'), {
      name: "PostgresError",
      severity: "ERROR",
      code: "23505",
      constraint_name: "customers_email_key",
      table_name: "customers",
      detail: `Key (email)=(${EMAIL}) already exists.`,
    });
    const err = Object.assign(
      new Error(`Failed query: insert into customers values ($1, $2)\nparams: ${EMAIL},${SEALED}`),
      { query: "insert into customers values ($1, $2)", params: [EMAIL, SEALED], cause },
    );
    const text = safeError(err);
    expect(text).toBe(
      'database error 23505 (customers_email_key): duplicate key value violates unique constraint "customers_email_key"',
    );
    const typed = Object.assign(new Error(`invalid input syntax for type integer: "${EMAIL}"`), {
      severity: "ERROR",
      code: "22P02",
    });
    expect(safeError(typed)).toBe('database error 22P02: invalid input syntax for type integer: "[value]"');
    const { logger, lines } = capture();
    logger.error({ err, detail: cause.detail }, "insert failed");
    expectNoCanary(lines.join("\n"));
    expect(lines.join("\n")).toContain("23505");
  });

  it("keeps the bindings of every level of child loggers", () => {
    const { logger, lines } = capture();
    logger.child({ orderId: "ord_a" }).child({ step: "purchase", to: EMAIL }).info("nested");
    expect(JSON.parse(lines[0]!)).toMatchObject({ orderId: "ord_a", step: "purchase", to: "[redacted]" });
  });

  it("carries the request id of the work in progress", () => {
    const { logger, lines } = capture();
    runWithRequestId("req-canary-0001", () => logger.info("inside"));
    logger.info("outside");
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: "req-canary-0001" });
    expect(JSON.parse(lines[1]!)).not.toHaveProperty("requestId");
  });
});

describe("redact and safeError, for what is stored (order_events, jobs.last_error, admin emails)", () => {
  it("blanks every canary in free text and is idempotent", () => {
    const text = `to ${EMAIL}: ${LPA} / ${MATCHING_ID} / ${SESSION} / ?t=${RAW_TOKEN}&x=1 / ${SEALED} / ${COOKIE} / ${CARD}`;
    const once = redact(text);
    expectNoCanary(once);
    expect(redact(once)).toBe(once);
    expect(once).toContain("&x=1");
  });

  it("leaves ordinary text, ICCIDs, order ids and non-Luhn numbers alone", () => {
    const text =
      "order ord_0123456789abcdefghjk iccid 8944123456789012345 bundle esim_1GB_7D_GB_V2 amount 1234567890123";
    expect(redact(text)).toBe(text);
  });

  it("redacts secret fields in stored details whatever their value looks like", () => {
    expect(redactValue({ email: "x", nested: [{ matchingId: "abc", ok: 1 }], status: "paid" })).toEqual({
      email: "[redacted]",
      nested: [{ matchingId: "[redacted]", ok: 1 }],
      status: "paid",
    });
  });

  it("describes strings, plain objects and odd throwables without leaking", () => {
    expect(safeError(`refused for ${EMAIL}`)).toBe("refused for [email]");
    expectNoCanary(safeError({ to: EMAIL, message: LPA }));
    expect(safeError(undefined)).toBeTypeOf("string");
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(safeError(cyclic)).toBeTypeOf("string");
  });
});
