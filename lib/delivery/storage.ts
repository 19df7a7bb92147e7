import { createClient, type SupabaseClient, type SupabaseClientOptions } from "@supabase/supabase-js";
import { env } from "@/lib/env";
import { DeliveryError } from "./errors";
import { log } from "@/lib/observability/logger";

const REQUEST_TIMEOUT_MS = 15_000;

// supabase-js throws on Node 20 without a Realtime transport; one that refuses to be built makes any
// accidental Realtime use fail loudly without shipping `ws`.
class NoRealtime {
  constructor() {
    throw new Error("Supabase Realtime is not used by Tern");
  }
}
type RealtimeTransport = NonNullable<NonNullable<SupabaseClientOptions<"public">["realtime"]>["transport"]>;

/** A hung upload must not hold a fulfilment job forever. */
const fetchWithTimeout: typeof fetch = (input, init) => {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  return fetch(input, { ...init, signal });
};

let client: { key: string; supabase: SupabaseClient } | undefined;
let bucketReady: { key: string; promise: Promise<void> } | undefined;

/** Never built at import, so a build without Supabase settings works. */
function supabase(): SupabaseClient {
  const { url, serviceRoleKey } = env().supabase;
  const key = `${url}|${serviceRoleKey}`;
  if (client?.key !== key) {
    client = {
      key,
      supabase: createClient(url, serviceRoleKey, {
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        realtime: { transport: NoRealtime as unknown as RealtimeTransport },
        global: { fetch: fetchWithTimeout },
      }),
    };
  }
  return client.supabase;
}

interface StorageErrorLike {
  message: string;
  name?: string;
  status?: number;
  statusCode?: string;
}

function statusOf(error: StorageErrorLike): number | undefined {
  const fromBody = Number(error.statusCode);
  if (Number.isInteger(fromBody) && fromBody >= 100 && fromBody <= 599) return fromBody;
  return error.status;
}

function storageError(action: string, error: StorageErrorLike): DeliveryError {
  const status = statusOf(error);
  const code = error.name === "StorageUnknownError" ? undefined : (error.statusCode ?? error.name);
  return new DeliveryError("storage", `Supabase Storage: ${action} failed: ${error.message}`, status, code);
}

const isDuplicate = (error: StorageErrorLike) => statusOf(error) === 409 || /already exists/i.test(error.message);
const isNotFound = (error: StorageErrorLike) => statusOf(error) === 404 || /not found/i.test(error.message);

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
  const storage = supabase().storage;
  const found = await storage.getBucket(bucket);
  if (found.data) {
    // An activation code is a bearer credential: a public bucket would publish every customer's eSIM.
    if (found.data.public) {
      log.warn({ bucket }, "Storage bucket was public; making it private (it holds eSIM activation QR codes)");
      const updated = await storage.updateBucket(bucket, { public: false });
      if (updated.error) throw storageError(`making bucket "${bucket}" private`, updated.error);
    }
    return;
  }
  if (found.error && !isNotFound(found.error)) throw storageError(`reading bucket "${bucket}"`, found.error);
  const created = await storage.createBucket(bucket, { public: false, allowedMimeTypes: ["image/png"] });
  // Another instance may have created it meanwhile: the outcome we wanted.
  if (created.error && !isDuplicate(created.error)) throw storageError(`creating bucket "${bucket}"`, created.error);
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
  const { error } = await supabase()
    .storage.from(env().supabase.qrBucket)
    .upload(path, input.png, { contentType: "image/png", cacheControl: "3600", upsert: false });
  if (error && !isDuplicate(error)) throw storageError(`uploading ${path}`, error);
  return { path };
}

export async function qrSignedUrl(path: string, expiresInSeconds: number): Promise<string> {
  const { data, error } = await supabase()
    .storage.from(env().supabase.qrBucket)
    .createSignedUrl(path, expiresInSeconds);
  if (error) throw storageError(`signing ${path}`, error);
  return data.signedUrl;
}

export async function downloadQrPng(path: string): Promise<Buffer> {
  const { data, error } = await supabase().storage.from(env().supabase.qrBucket).download(path);
  if (error) throw storageError(`downloading ${path}`, error);
  return Buffer.from(await data.arrayBuffer());
}
