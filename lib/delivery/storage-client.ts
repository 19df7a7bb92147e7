// The Supabase Storage REST calls Tern makes, over fetch, as storage-js sends them. supabase-js would load its
// Auth, Realtime, PostgREST and Functions clients into every server process for these six requests.
// Supabase answers most errors with HTTP 400 and the real status, as a string, in the body's `statusCode`.

export interface StorageClientOptions {
  /** The project URL (`https://<ref>.supabase.co`, or the sandbox's `/supabase`); Storage lives at /storage/v1. */
  url: string;
  /** Service-role key: sent as `apikey` and as the bearer token. */
  key: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Storage answered with an error (`httpStatus` set), or did not answer at all (neither set). */
export class StorageRequestError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | undefined,
    /** The body's `statusCode` (or `code`), else the HTTP status as text; unset when nothing came back. */
    readonly statusCode: string | undefined,
  ) {
    super(message);
    this.name = "StorageRequestError";
  }
}

export interface StorageBucket {
  id: string;
  name: string;
  public: boolean;
}

interface RequestInit {
  json?: unknown;
  body?: Uint8Array;
  headers?: Record<string, string>;
}

function errorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const b = body as Record<string, unknown>;
  for (const field of ["msg", "message", "error_description", "error"]) {
    if (typeof b[field] === "string") return b[field];
  }
  return undefined;
}

async function failure(res: Response): Promise<StorageRequestError> {
  const text = await res.text().catch(() => "");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // A gateway's HTML page: only the HTTP status is known.
    return new StorageRequestError(res.statusText || `HTTP ${res.status} error`, res.status, String(res.status));
  }
  const b = (body ?? {}) as { statusCode?: unknown; code?: unknown };
  const statusCode = b.statusCode ?? b.code;
  return new StorageRequestError(
    errorMessage(body) ?? JSON.stringify(body),
    res.status,
    statusCode === undefined || statusCode === null || statusCode === "" ? String(res.status) : String(statusCode),
  );
}

export function storageClient(options: StorageClientOptions) {
  const base = `${options.url.replace(/\/$/, "")}/storage/v1`;
  const doFetch = options.fetch ?? fetch;

  async function request(method: string, path: string, init: RequestInit = {}): Promise<Response> {
    const headers: Record<string, string> = {
      apikey: options.key,
      authorization: `Bearer ${options.key}`,
      ...init.headers,
    };
    let body: string | Uint8Array | undefined = init.body;
    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    }
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body as BodyInit | undefined,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (err) {
      throw new StorageRequestError(err instanceof Error ? err.message : String(err), undefined, undefined);
    }
    if (!res.ok) throw await failure(res);
    return res;
  }

  /** A body that cannot be read (the connection dropped mid-answer) is no answer. */
  async function read<T>(res: Response, as: "json" | "bytes"): Promise<T> {
    try {
      return (as === "json" ? await res.json() : await res.arrayBuffer()) as T;
    } catch (err) {
      throw new StorageRequestError(err instanceof Error ? err.message : String(err), undefined, undefined);
    }
  }

  const object = (bucket: string, path: string) => `${bucket}/${path.replace(/^\/+/, "")}`;

  return {
    async getBucket(id: string): Promise<StorageBucket> {
      return read(await request("GET", `/bucket/${id}`), "json");
    },

    async createBucket(id: string, settings: { public: boolean; allowedMimeTypes?: string[] }): Promise<void> {
      const res = await request("POST", "/bucket", {
        json: { id, name: id, public: settings.public, allowed_mime_types: settings.allowedMimeTypes },
      });
      await read(res, "json");
    },

    async updateBucket(id: string, settings: { public: boolean }): Promise<void> {
      await read(await request("PUT", `/bucket/${id}`, { json: { id, name: id, public: settings.public } }), "json");
    },

    /** Without `upsert`, an object already at `path` is a 409 (statusCode "409", "Duplicate"). */
    async upload(
      bucket: string,
      path: string,
      bytes: Uint8Array,
      file: { contentType: string; cacheControlSeconds: number; upsert: boolean },
    ): Promise<{ key: string }> {
      const res = await request("POST", `/object/${object(bucket, path)}`, {
        body: bytes,
        headers: {
          "content-type": file.contentType,
          "cache-control": `max-age=${file.cacheControlSeconds}`,
          "x-upsert": String(file.upsert),
        },
      });
      const data = await read<{ Key: string }>(res, "json");
      return { key: data.Key };
    },

    /** An absolute URL that serves the object without credentials until it expires. */
    async createSignedUrl(bucket: string, path: string, expiresInSeconds: number): Promise<string> {
      const res = await request("POST", `/object/sign/${object(bucket, path)}`, {
        json: { expiresIn: expiresInSeconds },
      });
      const data = await read<{ signedURL: string }>(res, "json");
      return encodeURI(`${base}${data.signedURL}`);
    },

    async download(bucket: string, path: string): Promise<ArrayBuffer> {
      return read(await request("GET", `/object/${object(bucket, path)}`), "bytes");
    },
  };
}

export type StorageClient = ReturnType<typeof storageClient>;
