// storage.ts against the sandbox's Supabase Storage, through our Storage client (storage-client.ts).
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import { resetEnvCache } from "@/lib/env";
import { buildLpa } from "./links";
import { renderQrPng } from "./qr";
import { downloadQrPng, ensureQrBucket, qrObjectPath, qrSignedUrl, storeQrPng } from "./storage";
import { DeliveryError } from "./errors";

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  delete process.env.SUPABASE_QR_BUCKET;
  resetEnvCache();
  await sandbox?.close();
});

afterEach(async () => {
  await sandbox.control("DELETE", "/faults");
});

/** Each test gets its own bucket, so none depends on another's objects. */
function useFreshBucket(): string {
  const bucket = `qr-test-${crypto.randomUUID().slice(0, 8)}`;
  process.env.SUPABASE_QR_BUCKET = bucket;
  resetEnvCache();
  return bucket;
}

const ids = () => ({
  orderId: `ord_${crypto.randomUUID().replace(/-/g, "")}`,
  iccid: `894310${crypto.randomInt(1e9, 1e10 - 1)}`,
});

type ObjectRow = { bucket: string; path: string; size: number; contentType: string };
const objectsIn = (bucket: string) => sandbox.control<ObjectRow[]>("GET", `/storage/objects?bucket=${bucket}`);

async function bucketInfo(bucket: string) {
  const res = await fetch(`${sandbox.url}/supabase/storage/v1/bucket/${bucket}`, {
    headers: { authorization: "Bearer sandbox-service-role-key" },
  });
  return { status: res.status, body: (await res.json()) as { public?: boolean; statusCode?: string } };
}

describe("ensureQrBucket", () => {
  it("creates the bucket, private, when it is missing", async () => {
    const bucket = useFreshBucket();
    expect((await bucketInfo(bucket)).body.statusCode).toBe("404");
    await ensureQrBucket();
    const info = await bucketInfo(bucket);
    expect(info.status).toBe(200);
    expect(info.body.public).toBe(false);
  });

  it("makes an existing public bucket private: it would publish activation codes", async () => {
    const bucket = useFreshBucket();
    const res = await fetch(`${sandbox.url}/supabase/storage/v1/bucket`, {
      method: "POST",
      headers: { authorization: "Bearer sandbox-service-role-key", "content-type": "application/json" },
      body: JSON.stringify({ id: bucket, public: true }),
    });
    expect(res.status).toBe(200);
    await ensureQrBucket();
    expect((await bucketInfo(bucket)).body.public).toBe(false);
  });

  it("forgets a failure, so the next call tries again", async () => {
    useFreshBucket();
    await sandbox.control("POST", "/faults", { service: "storage", route: "GET /bucket/:id", status: 503 });
    const first = await ensureQrBucket().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(DeliveryError);
    expect((first as DeliveryError).retryable).toBe(true);
    await expect(ensureQrBucket()).resolves.toBeUndefined();
  });
});

describe("storeQrPng", () => {
  it("stores the PNG once at orders/<orderId>/<iccid>.png; a second store is a no-op success", async () => {
    const bucket = useFreshBucket();
    const { orderId, iccid } = ids();
    const png = await renderQrPng(buildLpa("rsp.example.com", `MATCH-${iccid}`));

    const first = await storeQrPng({ orderId, iccid, png });
    expect(first).toEqual({ path: `orders/${orderId}/${iccid}.png` });
    // A retry (crash after upload, lost answer) — even with different bytes — keeps the original.
    const second = await storeQrPng({ orderId, iccid, png: await renderQrPng("LPA:1$other.example$OTHER") });
    expect(second).toEqual(first);

    const objects = await objectsIn(bucket);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({ path: first.path, size: png.length, contentType: "image/png" });
    expect((await downloadQrPng(first.path)).equals(png)).toBe(true);
  });

  it("signs an absolute URL that serves the same bytes without credentials", async () => {
    useFreshBucket();
    const { orderId, iccid } = ids();
    const png = await renderQrPng(buildLpa("rsp.example.com", "SIGNED-1"));
    const { path } = await storeQrPng({ orderId, iccid, png });

    const url = await qrSignedUrl(path, 600);
    expect(url.startsWith(`${sandbox.url}/supabase/storage/v1/object/sign/`)).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
  });

  it("turns a 5xx into a retryable DeliveryError carrying the status", async () => {
    useFreshBucket();
    await ensureQrBucket();
    await sandbox.control("POST", "/faults", { service: "storage", route: "POST /object/:bucket/:path*", status: 500 });
    const err = await storeQrPng({ ...ids(), png: Buffer.from("png") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ service: "storage", status: 500, retryable: true });
  });

  it("an upload whose answer was lost is retryable, and the retry counts the stored object", async () => {
    const bucket = useFreshBucket();
    await ensureQrBucket();
    const { orderId, iccid } = ids();
    const png = await renderQrPng(buildLpa("rsp.example.com", "DROPPED-1"));
    await sandbox.control("POST", "/faults", {
      service: "storage",
      route: "POST /object/:bucket/:path*",
      dropAfterSend: true,
    });
    const err = await storeQrPng({ orderId, iccid, png }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ service: "storage", status: undefined, code: undefined, retryable: true });
    await expect(storeQrPng({ orderId, iccid, png })).resolves.toEqual({ path: qrObjectPath(orderId, iccid) });
    expect(await objectsIn(bucket)).toHaveLength(1);
  });

  it("reports a missing object as a permanent 404", async () => {
    useFreshBucket();
    await ensureQrBucket();
    const err = await downloadQrPng("orders/nope/0.png").catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "DeliveryError", status: 404, retryable: false });
  });

  it("refuses ids that would change the folder", async () => {
    expect(() => qrObjectPath("../other", "8944")).toThrow(/orderId/);
    expect(() => qrObjectPath("ord_1", "89/44")).toThrow(/iccid/);
    await expect(storeQrPng({ orderId: "ord_1", iccid: "..", png: Buffer.from("x") })).rejects.toThrow(/iccid/);
  });
});
