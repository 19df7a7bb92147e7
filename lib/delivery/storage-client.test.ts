// The requests storage-client.ts puts on the wire, and how it reads Supabase's answers (storage.test.ts drives
// the same client against the sandbox).
import { describe, expect, it } from "vitest";
import { storageClient, StorageRequestError } from "./storage-client";

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

/** A fetch that records each request and answers with `reply`. */
function recorder(reply: () => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    const raw = init?.body as string | Uint8Array | undefined;
    sent.push({
      method: init?.method ?? "GET",
      url: String(input),
      headers,
      body: raw === undefined ? undefined : Buffer.from(raw),
    });
    return reply();
  }) as typeof globalThis.fetch;
  return { sent, fetch };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const client = (fetch: typeof globalThis.fetch) =>
  storageClient({ url: "https://ref.supabase.co/", key: "service-key", timeoutMs: 1000, fetch });

describe("storageClient requests", () => {
  it("uploads raw bytes without overwriting, with the key as apikey and bearer", async () => {
    const { sent, fetch } = recorder(() => json(200, { Key: "qr/orders/ord_1/8944.png", Id: "1" }));
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const result = await client(fetch).upload("qr", "orders/ord_1/8944.png", png, {
      contentType: "image/png",
      cacheControlSeconds: 3600,
      upsert: false,
    });
    expect(result).toEqual({ key: "qr/orders/ord_1/8944.png" });
    expect(sent).toEqual([
      {
        method: "POST",
        url: "https://ref.supabase.co/storage/v1/object/qr/orders/ord_1/8944.png",
        headers: {
          apikey: "service-key",
          authorization: "Bearer service-key",
          "content-type": "image/png",
          "cache-control": "max-age=3600",
          "x-upsert": "false",
        },
        body: png,
      },
    ]);
  });

  it("signs an object and returns the absolute URL under /storage/v1", async () => {
    const { sent, fetch } = recorder(() => json(200, { signedURL: "/object/sign/qr/orders/a/1.png?token=abc.def" }));
    const url = await client(fetch).createSignedUrl("qr", "orders/a/1.png", 600);
    expect(url).toBe("https://ref.supabase.co/storage/v1/object/sign/qr/orders/a/1.png?token=abc.def");
    expect(sent[0]).toMatchObject({
      method: "POST",
      url: "https://ref.supabase.co/storage/v1/object/sign/qr/orders/a/1.png",
      headers: { "content-type": "application/json", authorization: "Bearer service-key" },
    });
    expect(JSON.parse(sent[0]!.body!.toString())).toEqual({ expiresIn: 600 });
  });

  it("reads, creates and updates buckets with storage-js's bodies", async () => {
    const { sent, fetch } = recorder(() => json(200, { id: "qr", name: "qr", public: false }));
    const storage = client(fetch);
    expect(await storage.getBucket("qr")).toMatchObject({ id: "qr", public: false });
    await storage.createBucket("qr", { public: false, allowedMimeTypes: ["image/png"] });
    await storage.updateBucket("qr", { public: false });
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      "GET https://ref.supabase.co/storage/v1/bucket/qr",
      "POST https://ref.supabase.co/storage/v1/bucket",
      "PUT https://ref.supabase.co/storage/v1/bucket/qr",
    ]);
    expect(sent[0]!.body).toBeUndefined();
    expect(JSON.parse(sent[1]!.body!.toString())).toEqual({
      id: "qr",
      name: "qr",
      public: false,
      allowed_mime_types: ["image/png"],
    });
    expect(JSON.parse(sent[2]!.body!.toString())).toEqual({ id: "qr", name: "qr", public: false });
  });

  it("downloads the object's bytes", async () => {
    const bytes = Buffer.from("png bytes");
    const { sent, fetch } = recorder(() => new Response(bytes, { status: 200 }));
    const got = await client(fetch).download("qr", "orders/a/1.png");
    expect(Buffer.from(got).equals(bytes)).toBe(true);
    expect(sent[0]).toMatchObject({
      method: "GET",
      url: "https://ref.supabase.co/storage/v1/object/qr/orders/a/1.png",
    });
  });
});

describe("storageClient errors", () => {
  const failure = async (reply: () => Response | Promise<Response>) =>
    client(recorder(reply).fetch)
      .getBucket("qr")
      .then(
        () => undefined,
        (e: unknown) => e,
      );

  it("keeps the status Supabase puts in the body (its HTTP status is often 400)", async () => {
    const err = await failure(() =>
      json(400, { statusCode: "409", error: "Duplicate", message: "The resource already exists" }),
    );
    expect(err).toBeInstanceOf(StorageRequestError);
    expect(err).toMatchObject({ httpStatus: 400, statusCode: "409", message: "The resource already exists" });
  });

  it("falls back to the HTTP status when the body is not Supabase's JSON", async () => {
    const err = await failure(
      () => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    );
    expect(err).toMatchObject({ httpStatus: 502, statusCode: "502", message: "Bad Gateway" });
  });

  it("a request that never got an answer carries no status", async () => {
    const err = await failure(() => Promise.reject(new TypeError("fetch failed")));
    expect(err).toBeInstanceOf(StorageRequestError);
    expect(err).toMatchObject({ httpStatus: undefined, statusCode: undefined, message: "fetch failed" });
  });

  it("gives up on a hung request after its timeout", async () => {
    const hung = ((_input: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)),
      )) as typeof globalThis.fetch;
    const storage = storageClient({ url: "https://ref.supabase.co", key: "k", timeoutMs: 50, fetch: hung });
    const err = await storage.getBucket("qr").catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "StorageRequestError", httpStatus: undefined });
  });
});
