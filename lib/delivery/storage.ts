import { env } from "@/lib/env";
import { DeliveryError } from "./errors";
import { log } from "@/lib/observability/logger";
import { storageClient, StorageRequestError, type StorageClient } from "./storage-client";

/** A hung upload must not hold a fulfilment job forever. */
const REQUEST_TIMEOUT_MS = 15_000;

let client: { key: string; storage: StorageClient } | undefined;
let bucketReady: { key: string; promise: Promise<void> } | undefined;

function storage(): StorageClient {
  const { url, serviceRoleKey } = env().supabase;
  const key = `${url}|${serviceRoleKey}`;
  if (client?.key !== key) {
    client = { key, storage: storageClient({ url, key: serviceRoleKey, timeoutMs: REQUEST_TIMEOUT_MS }) };
  }
  return client.storage;
}

/** The status Storage meant: its body's `statusCode` when that is one, else the HTTP status. */
function statusOf(error: StorageRequestError): number | undefined {
  const fromBody = Number(error.statusCode);
  if (Number.isInteger(fromBody) && fromBody >= 100 && fromBody <= 599) return fromBody;
  return error.httpStatus;
}

/** Storage's own errors become DeliveryErrors; anything else (a bug) stays what it is. */
async function attempt<T>(action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof StorageRequestError)) throw err;
    throw new DeliveryError(
      "storage",
      `Supabase Storage: ${action} failed: ${err.message}`,
      statusOf(err),
      err.statusCode,
    );
  }
}

/** `fallback` when Storage answered with an error that `matches`; rethrows anything else. */
const unless =
  <T>(matches: (error: StorageRequestError) => boolean, fallback: T) =>
  (err: unknown): T => {
    if (err instanceof StorageRequestError && matches(err)) return fallback;
    throw err;
  };
const isDuplicate = (error: StorageRequestError) => statusOf(error) === 409 || /already exists/i.test(error.message);
const isNotFound = (error: StorageRequestError) => statusOf(error) === 404 || /not found/i.test(error.message);

export function ensureQrBucket(): Promise<void> {
  const { url, qrBucket } = env().supabase;
  const key = `${url}|${qrBucket}`;
  if (bucketReady?.key !== key) {
    const promise = createBucketIfMissing(qrBucket).catch((err: unknown) => {
      if (bucketReady?.promise === promise) bucketReady = undefined;
      throw err;
    });
    bucketReady = { key, promise };
  }
  return bucketReady.promise;
}

async function createBucketIfMissing(bucket: string): Promise<void> {
  const found = await attempt(`reading bucket "${bucket}"`, () =>
    storage().getBucket(bucket).catch(unless(isNotFound, null)),
  );
  if (found) {
    // An activation code is a bearer credential: a public bucket would publish every customer's eSIM.
    if (found.public) {
      log.warn({ bucket }, "Storage bucket was public; making it private (it holds eSIM activation QR codes)");
      await attempt(`making bucket "${bucket}" private`, () => storage().updateBucket(bucket, { public: false }));
    }
    return;
  }
  // Another instance may have created it meanwhile: the outcome we wanted.
  await attempt(`creating bucket "${bucket}"`, () =>
    storage()
      .createBucket(bucket, { public: false, allowedMimeTypes: ["image/png"] })
      .catch(unless(isDuplicate, undefined)),
  );
}

export function qrObjectPath(orderId: string, iccid: string): string {
  for (const [name, value] of [
    ["orderId", orderId],
    ["iccid", iccid],
  ] as const) {
    if (!/^[A-Za-z0-9_-]+$/.test(value))
      throw new Error(`qrObjectPath: ${name} must be letters, digits, "_" or "-", got ${JSON.stringify(value)}`);
  }
  return `orders/${orderId}/${iccid}.png`;
}

/** Never overwrites: a retry finds the object there (409) and counts it as stored, the same QR. */
export async function storeQrPng(input: { orderId: string; iccid: string; png: Buffer }): Promise<{ path: string }> {
  const path = qrObjectPath(input.orderId, input.iccid);
  await ensureQrBucket();
  await attempt(`uploading ${path}`, () =>
    storage()
      .upload(env().supabase.qrBucket, path, input.png, {
        contentType: "image/png",
        cacheControlSeconds: 3600,
        upsert: false,
      })
      .catch(unless(isDuplicate, null)),
  );
  return { path };
}

export function qrSignedUrl(path: string, expiresInSeconds: number): Promise<string> {
  return attempt(`signing ${path}`, () => storage().createSignedUrl(env().supabase.qrBucket, path, expiresInSeconds));
}

export async function downloadQrPng(path: string): Promise<Buffer> {
  const bytes = await attempt(`downloading ${path}`, () => storage().download(env().supabase.qrBucket, path));
  return Buffer.from(bytes);
}
