// Contract tests: the Resend imitation driven through the `resend` SDK, plus the inbox pages.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import QRCode from "qrcode";
import { Resend } from "resend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../server";

let dataDir: string;
let sandbox: RunningSandbox;
let resend: Resend;

interface ControlEmail {
  id: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  idempotencyKey: string | null;
  attachments: {
    filename: string;
    contentType: string;
    contentId: string | null;
    size: number;
    path: string | null;
    stored: boolean;
    content?: string | null;
  }[];
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-resend-"));
  sandbox = await startSandbox({ port: 0, dataDir });
  // The SDK reads RESEND_BASE_URL when a client is constructed, which is how the app points it here.
  const previous = process.env.RESEND_BASE_URL;
  process.env.RESEND_BASE_URL = `${sandbox.url}/resend`;
  resend = new Resend("re_sandbox_test_key");
  if (previous === undefined) delete process.env.RESEND_BASE_URL;
  else process.env.RESEND_BASE_URL = previous;
});

afterAll(async () => {
  await sandbox.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const inbox = () => `traveller-${crypto.randomUUID().slice(0, 8)}@example.com`;
const controlEmails = async (to: string) =>
  (await (await fetch(`${sandbox.url}/_sandbox/emails?to=${encodeURIComponent(to)}`)).json()) as ControlEmail[];

async function qrPng(): Promise<Buffer> {
  return QRCode.toBuffer("LPA:1$smdp.example.com$TEST-MATCHING-ID", { type: "png", width: 200 });
}

describe("sending", () => {
  it("accepts an email with an inline image and stores it in Resend's shape", async () => {
    const to = inbox();
    const png = await qrPng();
    const { data, error } = await resend.emails.send({
      from: "Tern <orders@tern.example>",
      to,
      subject: "Your eSIM is ready",
      html: '<p>Scan this:</p><img src="cid:qr" alt="QR code">',
      text: "Scan the attached QR code.",
      tags: [{ name: "order", value: "ord_123" }],
      attachments: [{ filename: "esim-qr.png", content: png, contentType: "image/png", contentId: "qr" }],
    });
    expect(error).toBeNull();
    expect(data!.id).toMatch(/^[0-9a-f-]{36}$/);

    const fetched = await resend.emails.get(data!.id);
    expect(fetched.error).toBeNull();
    expect(fetched.data).toMatchObject({
      object: "email",
      id: data!.id,
      to: [to],
      subject: "Your eSIM is ready",
      last_event: "delivered",
    });

    const [stored] = await controlEmails(to);
    expect(stored!.attachments).toEqual([
      {
        filename: "esim-qr.png",
        contentType: "image/png",
        contentId: "qr",
        size: png.length,
        path: null,
        stored: true,
      },
    ]);
    const full = (await (await fetch(`${sandbox.url}/_sandbox/emails/${data!.id}`)).json()) as ControlEmail;
    expect(Buffer.from(full.attachments[0]!.content!, "base64").equals(png)).toBe(true);
  });

  it("returns the same id for a retried Idempotency-Key and sends only once", async () => {
    const to = inbox();
    const email = { from: "orders@tern.example", to: [to], subject: "Receipt", html: "<p>Thanks</p>" };
    const key = `order-email/${crypto.randomUUID()}`;
    const first = await resend.emails.send(email, { idempotencyKey: key });
    const second = await resend.emails.send(email, { idempotencyKey: key });
    expect(first.error).toBeNull();
    expect(second.data).toEqual(first.data);

    const stored = await controlEmails(to);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.idempotencyKey).toBe(key);
  });

  it("refuses a reused Idempotency-Key with a different payload", async () => {
    const to = inbox();
    const key = `order-email/${crypto.randomUUID()}`;
    await resend.emails.send({ from: "orders@tern.example", to, subject: "One", text: "1" }, { idempotencyKey: key });
    const clash = await resend.emails.send(
      { from: "orders@tern.example", to, subject: "Two", text: "2" },
      { idempotencyKey: key },
    );
    expect(clash.data).toBeNull();
    expect(clash.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    expect(await controlEmails(to)).toHaveLength(1);
  });

  it("surfaces validation errors as the SDK's { error }", async () => {
    const to = inbox();
    const noSubject = await resend.emails.send({ from: "orders@tern.example", to, subject: "", html: "<p>x</p>" });
    expect(noSubject).toMatchObject({
      data: null,
      error: { statusCode: 422, name: "missing_required_field", message: "Missing `subject` field." },
    });

    const badTo = await resend.emails.send({
      from: "orders@tern.example",
      to: "not-an-address",
      subject: "Hi",
      html: "<p>x</p>",
    });
    expect(badTo.error).toMatchObject({
      statusCode: 422,
      name: "validation_error",
      message: expect.stringContaining("`to`"),
    });

    const badFrom = await resend.emails.send({ from: "Tern <nope>", to, subject: "Hi", html: "<p>x</p>" });
    expect(badFrom.error).toMatchObject({
      statusCode: 422,
      name: "validation_error",
      message: expect.stringContaining("`from`"),
    });

    const tooMany = await resend.emails.send({
      from: "orders@tern.example",
      to: Array.from({ length: 51 }, () => inbox()),
      subject: "Hi",
      html: "x",
    });
    expect(tooMany.error).toMatchObject({ statusCode: 422, name: "validation_error" });

    // The SDK's types demand a body; the API is what must refuse an email with neither part.
    const noBody = await resend.emails.send({ from: "orders@tern.example", to, subject: "Hi" } as unknown as Parameters<
      Resend["emails"]["send"]
    >[0]);
    expect(noBody.error).toMatchObject({ statusCode: 422, name: "missing_required_field" });

    const badAttachment = await resend.emails.send({
      from: "orders@tern.example",
      to,
      subject: "Hi",
      text: "x",
      attachments: [{ filename: "a.txt" }],
    });
    expect(badAttachment.error).toMatchObject({ statusCode: 422, name: "invalid_attachment" });

    expect(await controlEmails(to)).toHaveLength(0);
  });

  it("checks the API key: missing is 401, one not starting re_ is 403", async () => {
    const missing = await fetch(`${sandbox.url}/resend/emails`, { method: "POST", body: "{}" });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ statusCode: 401, name: "missing_api_key" });

    const wrong = new Resend("sk_not_resend", { baseUrl: `${sandbox.url}/resend` });
    const result = await wrong.emails.send({ from: "orders@tern.example", to: inbox(), subject: "Hi", text: "x" });
    expect(result.error).toMatchObject({ statusCode: 403, name: "invalid_api_key" });
  });

  it("fetches `path` attachments served by the sandbox and records others", async () => {
    const source = inbox();
    const png = await qrPng();
    const { data: first } = await resend.emails.send({
      from: "orders@tern.example",
      to: source,
      subject: "Source",
      text: "x",
      attachments: [{ filename: "qr.png", content: png }],
    });
    const to = inbox();
    const { data, error } = await resend.emails.send({
      from: "orders@tern.example",
      to,
      subject: "By path",
      text: "x",
      attachments: [
        { path: `${sandbox.url}/inbox/${first!.id}/attachments/0`, filename: "copy.png" },
        { path: "https://files.example.com/manual.pdf" },
      ],
    });
    expect(error).toBeNull();
    const full = (await (await fetch(`${sandbox.url}/_sandbox/emails/${data!.id}`)).json()) as ControlEmail;
    expect(Buffer.from(full.attachments[0]!.content!, "base64").equals(png)).toBe(true);
    expect(full.attachments[0]).toMatchObject({ contentType: "image/png", stored: true });
    expect(full.attachments[1]).toMatchObject({
      filename: "manual.pdf",
      contentType: "application/pdf",
      stored: false,
      content: null,
    });
  });

  it("sends batches", async () => {
    const [a, b] = [inbox(), inbox()];
    const { data, error } = await resend.batch.send([
      { from: "orders@tern.example", to: a, subject: "A", text: "a" },
      { from: "orders@tern.example", to: b, subject: "B", text: "b" },
    ]);
    expect(error).toBeNull();
    expect(data!.data).toHaveLength(2);
    expect((await controlEmails(a))[0]!.id).toBe(data!.data[0]!.id);
    expect((await controlEmails(b))[0]!.id).toBe(data!.data[1]!.id);

    const strict = await resend.batch.send([
      { from: "orders@tern.example", to: inbox(), subject: "ok", text: "a" },
      { from: "orders@tern.example", to: "broken", subject: "bad", text: "b" },
    ]);
    expect(strict.error).toMatchObject({
      statusCode: 422,
      name: "validation_error",
      message: expect.stringMatching(/^emails\[1\]/),
    });
  });

  it("answers 404 for an unknown email id", async () => {
    const result = await resend.emails.get(crypto.randomUUID());
    expect(result.error).toMatchObject({ statusCode: 404, name: "not_found" });
  });
});

describe("inbox pages", () => {
  it("lists sent mail and renders the HTML part with working inline images", async () => {
    const to = inbox();
    const png = await qrPng();
    const subject = `Your eSIM <${crypto.randomUUID().slice(0, 6)}>`;
    const { data } = await resend.emails.send({
      from: "Tern <orders@tern.example>",
      to,
      subject,
      html: '<h1>Ready</h1><img src="cid:qr" alt="QR"><script>parent.pwned = true</script>',
      text: "Plain text part",
      headers: { "X-Entity-Ref-ID": "ord_42" },
      attachments: [{ filename: "esim-qr.png", content: png, contentId: "qr" }],
    });
    const id = data!.id;

    const list = await fetch(`${sandbox.url}/inbox?to=${encodeURIComponent(to)}`);
    expect(list.headers.get("content-type")).toMatch(/^text\/html/);
    const listHtml = await list.text();
    expect(listHtml).toContain(`href="/inbox/${id}"`);
    expect(listHtml).toContain(subject.replace("<", "&lt;").replace(">", "&gt;"));

    const detail = await (await fetch(`${sandbox.url}/inbox/${id}`)).text();
    expect(detail).toMatch(new RegExp(`<iframe sandbox src="/inbox/${id}/html"`));
    expect(detail).toContain("Plain text part");
    expect(detail).toContain("X-Entity-Ref-ID");
    expect(detail).toContain(`/inbox/${id}/attachments/0?download=1`);

    const part = await fetch(`${sandbox.url}/inbox/${id}/html`);
    expect(part.headers.get("content-security-policy")).toMatch(/^sandbox;/);
    const partHtml = await part.text();
    expect(partHtml).not.toContain("cid:qr");
    const src = /<img src="([^"]+)"/.exec(partHtml)![1]!;
    expect(src).toBe(`/inbox/${id}/attachments/0`);

    const image = await fetch(`${sandbox.url}${src}`);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
  });
});

describe("persistence", () => {
  it("keeps each email's HTML and text out of the state document: a new email does not rewrite earlier ones", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-resend-bodies-"));
    const stateFiles = () =>
      fs
        .readdirSync(dir)
        .filter((f) => /\.(json|log)$/.test(f))
        .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
        .join("\n");
    try {
      const first = await startSandbox({ port: 0, dataDir: dir });
      const client = new Resend("re_bodies", { baseUrl: `${first.url}/resend` });
      const to = inbox();
      const html = (n: number) => `<h1>Your eSIM ${n}</h1><p>${"Install it before you fly. ".repeat(200)}</p>`;
      const sent = [];
      for (const n of [1, 2]) {
        const { data, error } = await client.emails.send({
          from: "orders@tern.example",
          to,
          subject: `eSIM ${n}`,
          html: html(n),
          text: `Plain part ${n}`,
        });
        expect(error).toBeNull();
        sent.push(data!.id);
        first.app.store.flush();
      }
      const afterTwo = fs.readFileSync(path.join(dir, "resend.json"), "utf8");
      await client.emails.send({ from: "orders@tern.example", to, subject: "eSIM 3", html: html(3) });
      await first.close();
      expect(fs.readFileSync(path.join(dir, "resend.json"), "utf8")).toBe(afterTwo);
      expect(stateFiles()).not.toContain("Install it before you fly");
      expect(stateFiles()).toContain("eSIM 3");

      const second = await startSandbox({ port: 0, dataDir: dir });
      try {
        const again = new Resend("re_bodies", { baseUrl: `${second.url}/resend` });
        const { data } = await again.emails.get(sent[0]!);
        expect(data).toMatchObject({ subject: "eSIM 1", html: html(1), text: "Plain part 1" });
        const part = await (await fetch(`${second.url}/inbox/${sent[1]}/html`)).text();
        expect(part).toContain("<h1>Your eSIM 2</h1>");
        const listed = (await (await fetch(`${second.url}/_sandbox/emails?to=${to}`)).json()) as ControlEmail[];
        expect(listed.map((e) => [e.subject, e.html]).sort()).toEqual([
          ["eSIM 1", html(1)],
          ["eSIM 2", html(2)],
          ["eSIM 3", html(3)],
        ]);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps sent mail and attachments across a restart; a reset wipes them", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-resend-restart-"));
    try {
      const first = await startSandbox({ port: 0, dataDir: dir });
      const client = new Resend("re_restart", { baseUrl: `${first.url}/resend` });
      const png = await qrPng();
      const { data } = await client.emails.send({
        from: "orders@tern.example",
        to: inbox(),
        subject: "Durable",
        text: "x",
        attachments: [{ filename: "qr.png", content: png }],
      });
      await first.close();

      const second = await startSandbox({ port: 0, dataDir: dir });
      try {
        const image = await fetch(`${second.url}/inbox/${data!.id}/attachments/0`);
        expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
        await fetch(`${second.url}/_sandbox/reset`, { method: "POST" });
        expect(await (await fetch(`${second.url}/_sandbox/emails`)).json()).toEqual([]);
        expect((await fetch(`${second.url}/inbox/${data!.id}/attachments/0`)).status).toBe(404);
        expect(fs.existsSync(path.join(dir, "resend"))).toBe(false);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
