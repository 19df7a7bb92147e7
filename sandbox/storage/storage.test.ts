// Contract tests: the Supabase Storage imitation driven through @supabase/supabase-js, as the app drives it.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type SupabaseClient, type SupabaseClientOptions } from "@supabase/supabase-js";
import ws from "ws";
import { startSandbox, type RunningSandbox } from "../server";

let dataDir: string;
let sandbox: RunningSandbox;
let supabase: SupabaseClient;

// Node 20 has no global WebSocket and supabase-js insists on one for realtime, even unused. `ws` fits at run
// time; its constructor type is stricter than realtime-js's declaration, hence the cast.
type RealtimeTransport = NonNullable<NonNullable<SupabaseClientOptions<"public">["realtime"]>["transport"]>;

function clientFor(url: string) {
  return createClient(`${url}/supabase`, "sandbox-service-role-key", {
    auth: { persistSession: false },
    realtime: { transport: ws as unknown as RealtimeTransport },
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-storage-"));
  sandbox = await startSandbox({ port: 0, dataDir });
  supabase = clientFor(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const unique = (prefix: string) => `${prefix}/${crypto.randomUUID()}.png`;
const pngBytes = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(512)]);

describe("upload and download", () => {
  it("stores bytes that download back identical, with the content type", async () => {
    const key = unique("orders");
    const bytes = pngBytes();
    const up = await supabase.storage
      .from("esim-qr")
      .upload(key, bytes, { contentType: "image/png", cacheControl: "600" });
    expect(up.error).toBeNull();
    expect(up.data).toMatchObject({ path: key, fullPath: `esim-qr/${key}` });
    expect(up.data!.id).toMatch(/^[0-9a-f-]{36}$/);

    const down = await supabase.storage.from("esim-qr").download(key);
    expect(down.error).toBeNull();
    expect(Buffer.from(await down.data!.arrayBuffer()).equals(bytes)).toBe(true);
    expect(down.data!.type).toBe("image/png");
  });

  it("accepts Blob uploads, which storage-js sends as multipart form data", async () => {
    const key = unique("blobs");
    const bytes = pngBytes();
    const up = await supabase.storage.from("esim-qr").upload(key, new Blob([bytes], { type: "image/png" }));
    expect(up.error).toBeNull();
    const res = await fetch(`${sandbox.url}/supabase/storage/v1/object/esim-qr/${key}`, {
      headers: { authorization: "Bearer x" },
    });
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("refuses to overwrite without upsert, answering Supabase's Duplicate error", async () => {
    const key = unique("dupes");
    await supabase.storage.from("esim-qr").upload(key, Buffer.from("first"), { contentType: "text/plain" });
    const again = await supabase.storage
      .from("esim-qr")
      .upload(key, Buffer.from("second"), { contentType: "text/plain" });
    expect(again.data).toBeNull();
    // Supabase answers HTTP 400 and carries the real status as a string in the body.
    expect(again.error).toMatchObject({ status: 400, statusCode: "409", message: "The resource already exists" });

    const body = await (await supabase.storage.from("esim-qr").download(key)).data!.text();
    expect(body).toBe("first");
  });

  it("overwrites with upsert: true and with update()", async () => {
    const key = unique("upserts");
    await supabase.storage.from("esim-qr").upload(key, Buffer.from("v1"), { contentType: "text/plain" });
    const upsert = await supabase.storage
      .from("esim-qr")
      .upload(key, Buffer.from("v2"), { contentType: "text/plain", upsert: true });
    expect(upsert.error).toBeNull();
    expect(await (await supabase.storage.from("esim-qr").download(key)).data!.text()).toBe("v2");

    const update = await supabase.storage.from("esim-qr").update(key, Buffer.from("v3"), { contentType: "text/plain" });
    expect(update.error).toBeNull();
    expect(await (await supabase.storage.from("esim-qr").download(key)).data!.text()).toBe("v3");

    const missing = await supabase.storage.from("esim-qr").update(unique("nowhere"), Buffer.from("x"));
    expect(missing.error).toMatchObject({ statusCode: "404", message: "Object not found" });
  });

  it("reports a missing object and a missing bucket the way Supabase does", async () => {
    const missing = await supabase.storage.from("esim-qr").download(unique("absent"));
    expect(missing.data).toBeNull();
    expect(missing.error).toMatchObject({ status: 400 });

    const res = await fetch(`${sandbox.url}/supabase/storage/v1/object/esim-qr/${unique("absent")}`, {
      headers: { authorization: "Bearer x" },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ statusCode: "404", error: "not_found", message: "Object not found" });

    const noBucket = await supabase.storage.from("no-such-bucket").upload("a.txt", Buffer.from("x"));
    expect(noBucket.error).toMatchObject({ statusCode: "404", message: "Bucket not found" });
  });

  it("requires a bearer token on authenticated routes", async () => {
    const res = await fetch(`${sandbox.url}/supabase/storage/v1/object/esim-qr/any.png`, { method: "POST", body: "x" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ statusCode: "403", error: "Unauthorized" });
  });

  it("lists one folder level and removes objects", async () => {
    const folder = `list-${crypto.randomUUID()}`;
    for (const name of ["b.png", "a.png", "sub/c.png"]) {
      await supabase.storage
        .from("esim-qr")
        .upload(`${folder}/${name}`, Buffer.from(name), { contentType: "image/png" });
    }
    const listed = await supabase.storage.from("esim-qr").list(folder);
    expect(listed.data!.map((f) => [f.name, f.id === null])).toEqual([
      ["a.png", false],
      ["b.png", false],
      ["sub", true],
    ]);
    expect(listed.data![0]!.metadata).toMatchObject({ size: 5, mimetype: "image/png" });

    const removed = await supabase.storage.from("esim-qr").remove([`${folder}/a.png`, `${folder}/never-there.png`]);
    expect(removed.data!.map((r) => r.name)).toEqual([`${folder}/a.png`]);
    expect((await supabase.storage.from("esim-qr").list(folder)).data!.map((f) => f.name)).toEqual(["b.png", "sub"]);
  });
});

describe("buckets and public URLs", () => {
  it("creates, reads and lists buckets; a second create is a Duplicate", async () => {
    const id = `bucket-${crypto.randomUUID().slice(0, 8)}`;
    const created = await supabase.storage.createBucket(id, { public: false });
    expect(created).toEqual({ data: { name: id }, error: null });
    const again = await supabase.storage.createBucket(id, { public: false });
    expect(again.error).toMatchObject({ statusCode: "409" });
    const got = await supabase.storage.getBucket(id);
    expect(got.data).toMatchObject({ id, name: id, public: false });
    const all = await supabase.storage.listBuckets();
    expect(all.data!.map((b) => b.id)).toContain(id);
  });

  it("serves public URLs for public buckets and refuses them for private ones", async () => {
    const publicBucket = `pub-${crypto.randomUUID().slice(0, 8)}`;
    await supabase.storage.createBucket(publicBucket, { public: true });
    const key = unique("public");
    const bytes = pngBytes();
    await supabase.storage.from(publicBucket).upload(key, bytes, { contentType: "image/png" });
    const { publicUrl } = supabase.storage.from(publicBucket).getPublicUrl(key).data;
    const ok = await fetch(publicUrl);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(bytes)).toBe(true);

    const privateKey = unique("private");
    await supabase.storage.from("esim-qr").upload(privateKey, bytes, { contentType: "image/png" });
    const refused = await fetch(supabase.storage.from("esim-qr").getPublicUrl(privateKey).data.publicUrl);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ statusCode: "404", message: "Bucket not found" });
  });
});

describe("signed URLs", () => {
  it("serves the object through a signed URL until it expires, then answers Supabase's error", async () => {
    const key = unique("signed");
    const bytes = pngBytes();
    await supabase.storage.from("esim-qr").upload(key, bytes, { contentType: "image/png" });
    const signed = await supabase.storage.from("esim-qr").createSignedUrl(key, 2);
    expect(signed.error).toBeNull();
    expect(signed.data!.signedUrl).toContain(`/supabase/storage/v1/object/sign/esim-qr/${key}?token=`);

    const res = await fetch(signed.data!.signedUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

    // Tokens carry whole seconds (JWT `exp`); after 2 s plus the rounding it must be refused.
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await fetch(signed.data!.signedUrl);
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ statusCode: "400", error: "InvalidJWT", message: "jwt expired" });
  });

  it("rejects a tampered token and a token for another object", async () => {
    const [a, b] = [unique("tamper"), unique("tamper")];
    await supabase.storage.from("esim-qr").upload(a, Buffer.from("a"));
    await supabase.storage.from("esim-qr").upload(b, Buffer.from("b"));
    const { signedUrl } = (await supabase.storage.from("esim-qr").createSignedUrl(a, 60)).data!;

    const url = new URL(signedUrl);
    const [header, payload, signature] = url.searchParams.get("token")!.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as { exp: number };
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString("base64url");
    url.searchParams.set("token", `${header}.${forged}.${signature}`);
    const tampered = await fetch(url);
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toMatchObject({ statusCode: "400", message: "invalid signature" });

    const otherObject = signedUrl.replace(encodeURI(a), encodeURI(b));
    const mismatch = await fetch(otherObject);
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toMatchObject({ error: "InvalidSignature" });
  });

  it("sets content-disposition when asked to download", async () => {
    const key = unique("download");
    await supabase.storage.from("esim-qr").upload(key, pngBytes(), { contentType: "image/png" });
    const named = (await supabase.storage.from("esim-qr").createSignedUrl(key, 60, { download: "my-esim.png" })).data!;
    const res = await fetch(named.signedUrl);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="my-esim\.png"/);
    const plain = (await supabase.storage.from("esim-qr").createSignedUrl(key, 60)).data!;
    expect((await fetch(plain.signedUrl)).headers.get("content-disposition")).toBeNull();
  });

  it("signs in batches, with an error entry for a missing object", async () => {
    const [a, b] = [unique("batch"), unique("batch")];
    await supabase.storage.from("esim-qr").upload(a, Buffer.from("A"));
    await supabase.storage.from("esim-qr").upload(b, Buffer.from("B"));
    const missing = unique("batch");
    const batch = await supabase.storage.from("esim-qr").createSignedUrls([a, missing, b], 60);
    expect(batch.error).toBeNull();
    expect(batch.data!.map((d) => d.path)).toEqual([a, missing, b]);
    expect(batch.data![1]).toMatchObject({ signedUrl: null, error: expect.stringMatching(/does not exist/) });
    expect(await (await fetch(batch.data![0]!.signedUrl!)).text()).toBe("A");
    expect(await (await fetch(batch.data![2]!.signedUrl!)).text()).toBe("B");
  });

  it("refuses to sign a missing object", async () => {
    const res = await supabase.storage.from("esim-qr").createSignedUrl(unique("ghost"), 60);
    expect(res.error).toMatchObject({ statusCode: "404", message: "Object not found" });
  });
});

describe("persistence and control", () => {
  it("keeps objects and honours signed URLs across a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-storage-restart-"));
    try {
      const first = await startSandbox({ port: 0, dataDir: dir });
      const client = clientFor(first.url);
      const key = unique("durable");
      const bytes = pngBytes();
      await client.storage.from("esim-qr").upload(key, bytes, { contentType: "image/png" });
      const signedPath = new URL((await client.storage.from("esim-qr").createSignedUrl(key, 600)).data!.signedUrl);
      await first.close();

      const second = await startSandbox({ port: 0, dataDir: dir });
      try {
        const again = clientFor(second.url);
        const down = await again.storage.from("esim-qr").download(key);
        expect(Buffer.from(await down.data!.arrayBuffer()).equals(bytes)).toBe(true);
        const viaSigned = await fetch(`${second.url}${signedPath.pathname}${signedPath.search}`);
        expect(viaSigned.status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lists stored objects on the control API and wipes them on reset", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-storage-reset-"));
    const own = await startSandbox({ port: 0, dataDir: dir });
    try {
      const client = clientFor(own.url);
      const key = unique("control");
      await client.storage.from("esim-qr").upload(key, Buffer.from("12345"), { contentType: "text/plain" });
      const listed = (await (await fetch(`${own.url}/_sandbox/storage/objects`)).json()) as unknown[];
      expect(listed).toEqual([
        { bucket: "esim-qr", path: key, size: 5, contentType: "text/plain", createdAt: expect.any(String) },
      ]);

      await fetch(`${own.url}/_sandbox/reset`, { method: "POST" });
      expect(await (await fetch(`${own.url}/_sandbox/storage/objects`)).json()).toEqual([]);
      expect(fs.existsSync(path.join(dir, "storage"))).toBe(false);
      expect((await client.storage.from("esim-qr").download(key)).error).not.toBeNull();
      // The default bucket comes back with a fresh state.
      expect((await client.storage.getBucket("esim-qr")).data).toMatchObject({ id: "esim-qr", public: false });
    } finally {
      await own.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
