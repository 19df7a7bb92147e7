// The request resend-client.ts puts on the wire, and how it reads Resend's answers (email.test.ts drives the
// same client against the sandbox).
import { Resend } from "resend";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resendClient, ResendRequestError, type ResendEmail } from "./resend-client";

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  raw: string;
}

function recorder(reply: () => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    sent.push({
      method: init?.method ?? "GET",
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
      body: JSON.parse(String(init?.body)),
      raw: String(init?.body),
    });
    return reply();
  }) as typeof globalThis.fetch;
  return { sent, fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const client = (fetch: typeof globalThis.fetch) =>
  resendClient({ baseUrl: "https://api.resend.com", apiKey: "re_key", timeoutMs: 1000, fetch });

const email: ResendEmail = {
  from: "Tern <orders@tern.test>",
  to: ["buyer@example.com"],
  subject: "Your eSIM is ready",
  html: '<img src="cid:esim-qr">',
  text: "Your eSIM",
  attachments: [
    { filename: "esim-qr.png", content: Buffer.from("png"), contentType: "image/png", contentId: "esim-qr" },
    { filename: "esim-qr.png", content: Buffer.from("png"), contentType: "image/png" },
  ],
  tags: [{ name: "category", value: "esim_delivered" }],
};

describe("resendClient.send", () => {
  it("posts the email as Resend's JSON, with the idempotency key, and returns its id", async () => {
    const { sent, fetch } = recorder(() => json(200, { id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" }));
    expect(await client(fetch).send(email, "esim-email/ord_1")).toEqual({ id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: "POST",
      url: "https://api.resend.com/emails",
      headers: {
        authorization: "Bearer re_key",
        "content-type": "application/json",
        "idempotency-key": "esim-email/ord_1",
      },
    });
    // Resend refuses requests without one (403).
    expect(sent[0]!.headers["user-agent"]).toMatch(/\S/);
    expect(sent[0]!.body).toEqual({
      from: "Tern <orders@tern.test>",
      to: ["buyer@example.com"],
      subject: "Your eSIM is ready",
      html: '<img src="cid:esim-qr">',
      text: "Your eSIM",
      attachments: [
        { filename: "esim-qr.png", content: "cG5n", content_type: "image/png", content_id: "esim-qr" },
        { filename: "esim-qr.png", content: "cG5n", content_type: "image/png" },
      ],
      tags: [{ name: "category", value: "esim_delivered" }],
    });
  });

  it("sends no Idempotency-Key header without a key", async () => {
    const { sent, fetch } = recorder(() => json(200, { id: "x" }));
    await client(fetch).send({ ...email, attachments: undefined });
    expect(sent[0]!.headers).not.toHaveProperty("idempotency-key");
    expect(sent[0]!.body).not.toHaveProperty("attachments");
  });
});

describe("resendClient and the resend SDK it replaces", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends the same body bytes, so a job retried across the upgrade is the same request to Resend", async () => {
    const { sent, fetch } = recorder(() => json(200, { id: "x" }));
    const bodies: string[] = [];
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
      bodies.push(String(init.body));
      return json(200, { id: "x" });
    });
    await new Resend("re_key", { baseUrl: "https://api.resend.com" }).emails.send(email, { idempotencyKey: "k" });
    await client(fetch).send(email, "k");
    expect(bodies).toHaveLength(1);
    expect(sent[0]!.raw).toBe(bodies[0]);
  });
});

describe("resendClient errors", () => {
  const failure = (reply: () => Response | Promise<Response>) =>
    client(recorder(reply).fetch)
      .send(email, "k")
      .then(
        () => undefined,
        (e: unknown) => e,
      );

  it("carries Resend's status, error name and message", async () => {
    const err = await failure(() =>
      json(422, { statusCode: 422, name: "validation_error", message: "Invalid `to` field." }),
    );
    expect(err).toBeInstanceOf(ResendRequestError);
    expect(err).toMatchObject({ status: 422, code: "validation_error", message: "Invalid `to` field." });
  });

  it("reads Retry-After on a 429", async () => {
    const err = await failure(() =>
      json(429, { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, { "retry-after": "7" }),
    );
    expect(err).toMatchObject({ status: 429, code: "rate_limit_exceeded", retryAfterSeconds: 7 });
  });

  it("a page that is not Resend's JSON keeps the HTTP status", async () => {
    const err = await failure(() => new Response("<html>error 1010</html>", { status: 403 }));
    expect(err).toMatchObject({ status: 403, code: "application_error", retryAfterSeconds: undefined });
  });

  it("no answer (connection dropped, timeout, unreadable body) has no status: the send may have happened", async () => {
    for (const reply of [
      () => Promise.reject(new TypeError("fetch failed")),
      () => new Response("{ trunc", { status: 200 }),
    ]) {
      const err = await failure(reply);
      expect(err).toBeInstanceOf(ResendRequestError);
      expect(err).toMatchObject({ status: undefined, code: undefined });
    }
  });
});
