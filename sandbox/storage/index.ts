// Supabase Storage REST at /supabase/storage/v1, as storage-js (inside @supabase/supabase-js) calls it:
// buckets, object upload/update/download/list/remove, public URLs and signed URLs.
import type { ServerResponse } from "node:http";
import type { SandboxApp } from "../server";
import type { RequestContext } from "../core/router";
import { sendJson, sendText } from "../core/http";
import { boundaryOf, parseMultipart } from "./multipart";
import { signToken, verifyToken } from "./tokens";
import { fileMetadata, StorageStore, type BucketRecord, type ObjectRecord } from "./state";

export const STORAGE_PREFIX = "/supabase/storage/v1";

/** Supabase Storage answers every error below 500 with HTTP 400; the error's own status travels, as a string,
 *  in `statusCode`. Clients (and storage-js's `error.statusCode`) must read the body, not the HTTP status. */
function fail(res: ServerResponse, statusCode: number, error: string, message: string, code?: string): void {
  sendJson(res, statusCode >= 500 ? 500 : 400, {
    statusCode: String(statusCode),
    ...(code ? { code } : {}),
    error,
    message,
  });
}

const errors = {
  noSuchKey: (res: ServerResponse) => fail(res, 404, "not_found", "Object not found", "NoSuchKey"),
  noSuchBucket: (res: ServerResponse) => fail(res, 404, "Bucket not found", "Bucket not found", "NoSuchBucket"),
  duplicate: (res: ServerResponse) =>
    fail(res, 409, "Duplicate", "The resource already exists", "ResourceAlreadyExists"),
  invalidJwt: (res: ServerResponse, message: string) => fail(res, 400, "InvalidJWT", message, "InvalidJWT"),
  invalidRequest: (res: ServerResponse, message: string) => fail(res, 400, "InvalidRequest", message, "InvalidRequest"),
};

// The characters Supabase accepts in object keys (its `mustBeValidKey`).
const VALID_KEY = /^(\w|\/|!|-|\.|\*|'|\(|\)| |&|\$|@|=|;|:|\+|,|\?)*$/;
const VALID_BUCKET = /^(\w|!|-|\.|\*|'|\(|\)| |&|\$|@|=|;|:|\+|,|\?)+$/;

export function registerStorage(app: SandboxApp): void {
  const storage = new StorageStore(app);
  app.onReset(() => storage.wipeFiles());

  const { route } = app.router.service({
    name: "storage",
    prefix: STORAGE_PREFIX,
    errorBody: (status, message) => ({
      statusCode: String(status),
      error: status >= 500 ? "Internal" : "Error",
      message,
    }),
    // Any non-empty bearer token is accepted (no JWT verification): the sandbox has no Supabase Auth to trust.
    // Public and signed object URLs are fetched by browsers without one, as in production.
    before: ({ req, res, method, path }) => {
      if ((method === "GET" || method === "HEAD") && /^\/object\/(public|sign)\//.test(path)) return false;
      const auth = req.headers.authorization ?? "";
      if (/^Bearer\s+\S+/i.test(auth)) return false;
      fail(res, 403, "Unauthorized", auth ? "Invalid Compact JWS" : "jwt must be provided", "AccessDenied");
      return true;
    },
  });

  const bucketOr404 = (res: ServerResponse, id: string): BucketRecord | undefined => {
    const bucket = storage.state.buckets[id];
    if (!bucket) errors.noSuchBucket(res);
    return bucket;
  };

  const serveObject = (ctx: RequestContext, obj: ObjectRecord, extra: Record<string, string> = {}) => {
    const headers: Record<string, string> = {
      "cache-control": obj.cacheControl,
      etag: obj.eTag,
      "last-modified": new Date(obj.updatedAt).toUTCString(),
      ...extra,
    };
    const download = ctx.query.get("download");
    if (download !== null) {
      const filename = download || obj.name.split("/").pop() || "download";
      headers["content-disposition"] =
        `attachment; filename="${filename.replace(/["\\\r\n]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
    }
    sendText(ctx.res, 200, storage.readBytes(obj), obj.contentType, headers);
  };

  // ---- buckets ----------------------------------------------------------------------------------------

  route("GET", "/bucket", ({ res, query }) => {
    let list = Object.values(storage.state.buckets);
    const search = query.get("search");
    if (search) list = list.filter((b) => b.name.toLowerCase().includes(search.toLowerCase()));
    const column = (query.get("sortColumn") ?? "name") as keyof BucketRecord;
    const desc = query.get("sortOrder") === "desc";
    list.sort((a, b) => String(a[column]).localeCompare(String(b[column])) * (desc ? -1 : 1));
    const offset = Number(query.get("offset") ?? 0);
    const limit = query.has("limit") ? Number(query.get("limit")) : list.length;
    sendJson(res, 200, list.slice(offset, offset + limit));
  });

  route("GET", "/bucket/:id", ({ res, params }) => {
    const bucket = bucketOr404(res, params.id!);
    if (bucket) sendJson(res, 200, bucket);
  });

  route("POST", "/bucket", ({ res, body }) => {
    const input = parseBody(body);
    const id = typeof input.id === "string" ? input.id : typeof input.name === "string" ? input.name : "";
    if (!VALID_BUCKET.test(id)) return fail(res, 400, "Invalid Input", "Bucket name invalid", "InvalidBucketName");
    if (storage.state.buckets[id])
      return fail(res, 409, "Duplicate", "The resource already exists", "BucketAlreadyExists");
    const limit = parseSizeLimit(input.file_size_limit);
    if (limit === false)
      return errors.invalidRequest(res, "Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B");
    const now = new Date().toISOString();
    storage.state.buckets[id] = {
      id,
      name: id,
      owner: "",
      public: input.public === true,
      file_size_limit: limit,
      allowed_mime_types: Array.isArray(input.allowed_mime_types) ? input.allowed_mime_types.map(String) : null,
      type: "STANDARD",
      created_at: now,
      updated_at: now,
    };
    storage.touch();
    sendJson(res, 200, { name: id });
  });

  route("PUT", "/bucket/:id", ({ res, params, body }) => {
    const bucket = bucketOr404(res, params.id!);
    if (!bucket) return;
    const input = parseBody(body);
    const limit = parseSizeLimit(input.file_size_limit);
    if (limit === false)
      return errors.invalidRequest(res, "Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B");
    if (typeof input.public === "boolean") bucket.public = input.public;
    if (input.file_size_limit !== undefined) bucket.file_size_limit = limit;
    if (input.allowed_mime_types !== undefined) {
      bucket.allowed_mime_types = Array.isArray(input.allowed_mime_types) ? input.allowed_mime_types.map(String) : null;
    }
    bucket.updated_at = new Date().toISOString();
    storage.touch();
    sendJson(res, 200, { message: "Successfully updated" });
  });

  route("POST", "/bucket/:id/empty", ({ res, params }) => {
    if (!bucketOr404(res, params.id!)) return;
    for (const obj of storage.objectsIn(params.id!)) storage.delete(obj);
    sendJson(res, 200, { message: "Successfully emptied" });
  });

  route("DELETE", "/bucket/:id", ({ res, params }) => {
    if (!bucketOr404(res, params.id!)) return;
    if (storage.objectsIn(params.id!).length) {
      return fail(res, 409, "ResourceNotEmpty", "The bucket you tried to delete is not empty", "ResourceNotEmpty");
    }
    delete storage.state.buckets[params.id!];
    storage.touch();
    sendJson(res, 200, { message: "Successfully deleted" });
  });

  // ---- objects: specific routes first, since `/object/:bucket/:path*` would match them too --------------

  route("POST", "/object/list/:bucket", ({ res, params, body }) => {
    if (!bucketOr404(res, params.bucket!)) return;
    const input = parseBody(body);
    sendJson(res, 200, listFolder(storage.objectsIn(params.bucket!), input));
  });

  // Batch signing: one entry per path, an error string where the object is missing.
  route("POST", "/object/sign/:bucket", ({ res, params, body }) => {
    const input = parseBody(body);
    const expiresIn = Number(input.expiresIn);
    if (!Number.isInteger(expiresIn) || expiresIn < 1) return errors.invalidRequest(res, "body/expiresIn must be >= 1");
    if (!Array.isArray(input.paths) || input.paths.length === 0)
      return errors.invalidRequest(res, "body/paths must NOT have fewer than 1 items");
    if (!bucketOr404(res, params.bucket!)) return;
    const secret = storage.state.secret;
    sendJson(
      res,
      200,
      input.paths.map((p) => {
        const name = String(p);
        if (!storage.object(params.bucket!, name)) {
          return {
            error: "Either the object does not exist or you do not have access to it",
            path: name,
            signedURL: null,
          };
        }
        const url = `${params.bucket}/${name}`;
        return { error: null, path: name, signedURL: `/object/sign/${url}?token=${signToken(secret, url, expiresIn)}` };
      }),
    );
  });

  route("POST", "/object/sign/:bucket/:path*", ({ res, params, body }) => {
    const input = parseBody(body);
    const expiresIn = Number(input.expiresIn);
    if (!Number.isInteger(expiresIn) || expiresIn < 1) return errors.invalidRequest(res, "body/expiresIn must be >= 1");
    if (!bucketOr404(res, params.bucket!)) return;
    if (!storage.object(params.bucket!, params.path!)) return errors.noSuchKey(res);
    const url = `${params.bucket}/${params.path}`;
    sendJson(res, 200, { signedURL: `/object/sign/${url}?token=${signToken(storage.state.secret, url, expiresIn)}` });
  });

  route("GET", "/object/sign/:bucket/:path*", (ctx) => {
    const token = ctx.query.get("token");
    if (!token) return errors.invalidRequest(ctx.res, "querystring must have required property 'token'");
    const verified = verifyToken(storage.state.secret, token);
    if (!verified.ok) return errors.invalidJwt(ctx.res, verified.message);
    if (verified.payload.url !== `${ctx.params.bucket}/${ctx.params.path}`) {
      return fail(ctx.res, 400, "InvalidSignature", "The url do not match the signature", "InvalidSignature");
    }
    const obj = storage.object(ctx.params.bucket!, ctx.params.path!);
    if (!obj) return errors.noSuchKey(ctx.res);
    serveObject(ctx, obj, { expires: new Date(verified.payload.exp * 1000).toUTCString() });
  });

  // A private bucket is "not found" to the public route, exactly as Supabase answers.
  route("GET", "/object/public/:bucket/:path*", (ctx) => {
    const bucket = storage.state.buckets[ctx.params.bucket!];
    if (!bucket?.public) return errors.noSuchBucket(ctx.res);
    const obj = storage.object(bucket.id, ctx.params.path!);
    if (!obj) return errors.noSuchKey(ctx.res);
    serveObject(ctx, obj);
  });

  const authenticatedDownload = (ctx: RequestContext) => {
    if (!bucketOr404(ctx.res, ctx.params.bucket!)) return;
    const obj = storage.object(ctx.params.bucket!, ctx.params.path!);
    if (!obj) return errors.noSuchKey(ctx.res);
    serveObject(ctx, obj);
  };
  route("GET", "/object/authenticated/:bucket/:path*", authenticatedDownload);

  route("GET", "/object/info/:bucket/:path*", ({ res, params }) => {
    if (!bucketOr404(res, params.bucket!)) return;
    const obj = storage.object(params.bucket!, params.path!);
    if (!obj) return errors.noSuchKey(res);
    sendJson(res, 200, {
      id: obj.id,
      name: obj.name,
      version: obj.id,
      bucket_id: obj.bucket,
      size: obj.size,
      content_type: obj.contentType,
      cache_control: obj.cacheControl,
      etag: obj.eTag,
      metadata: obj.userMetadata,
      last_modified: obj.updatedAt,
      created_at: obj.createdAt,
    });
  });

  route("POST", "/object/move", ({ res, body }) => relocate(res, parseBody(body), true));
  route("POST", "/object/copy", ({ res, body }) => relocate(res, parseBody(body), false));

  route("GET", "/object/:bucket/:path*", authenticatedDownload);

  const upload = (ctx: RequestContext, overwrite: "never" | "upsert" | "only") => {
    const { res, params } = ctx;
    const bucket = bucketOr404(res, params.bucket!);
    if (!bucket) return;
    const name = params.path!;
    if (!VALID_KEY.test(name) || name.split("/").some((s) => s === "" || s === "." || s === "..")) {
      return fail(res, 400, "InvalidKey", `Invalid key: ${name}`, "InvalidKey");
    }
    const existing = storage.object(bucket.id, name);
    if (existing && overwrite === "never") return errors.duplicate(res);
    if (!existing && overwrite === "only") return errors.noSuchKey(res);

    const file = readUpload(ctx);
    if (!file) return errors.invalidRequest(res, "No content provided");
    if (bucket.file_size_limit !== null && file.data.length > bucket.file_size_limit) {
      return fail(res, 413, "Payload too large", "The object exceeded the maximum allowed size", "EntityTooLarge");
    }
    if (bucket.allowed_mime_types && !mimeAllowed(file.contentType, bucket.allowed_mime_types)) {
      return fail(res, 415, "invalid_mime_type", `mime type ${file.contentType} is not supported`, "InvalidMimeType");
    }
    const obj = storage.write(
      bucket.id,
      name,
      file.data,
      file.contentType,
      `max-age=${file.cacheControl ?? "3600"}`,
      file.metadata,
    );
    sendJson(res, 200, { Key: `${obj.bucket}/${obj.name}`, Id: obj.id });
  };

  route("POST", "/object/:bucket/:path*", (ctx) =>
    upload(ctx, ctx.req.headers["x-upsert"] === "true" ? "upsert" : "never"),
  );
  route("PUT", "/object/:bucket/:path*", (ctx) => upload(ctx, "only"));

  route("DELETE", "/object/:bucket", ({ res, params, body }) => {
    if (!bucketOr404(res, params.bucket!)) return;
    const input = parseBody(body);
    if (!Array.isArray(input.prefixes) || input.prefixes.length === 0) {
      return errors.invalidRequest(res, "body/prefixes must NOT have fewer than 1 items");
    }
    const removed = [];
    for (const p of input.prefixes) {
      const obj = storage.object(params.bucket!, String(p));
      if (!obj) continue;
      storage.delete(obj);
      removed.push(objectRow(obj));
    }
    sendJson(res, 200, removed);
  });

  route("DELETE", "/object/:bucket/:path*", ({ res, params }) => {
    if (!bucketOr404(res, params.bucket!)) return;
    const obj = storage.object(params.bucket!, params.path!);
    if (!obj) return errors.noSuchKey(res);
    storage.delete(obj);
    sendJson(res, 200, { message: "Successfully deleted" });
  });

  function relocate(res: ServerResponse, input: Record<string, unknown>, move: boolean) {
    const bucketId = String(input.bucketId ?? "");
    const target = String(input.destinationBucket ?? bucketId);
    if (!bucketOr404(res, bucketId) || !bucketOr404(res, target)) return;
    const from = storage.object(bucketId, String(input.sourceKey ?? ""));
    if (!from) return errors.noSuchKey(res);
    const destination = String(input.destinationKey ?? "");
    if (!destination || !VALID_KEY.test(destination))
      return fail(res, 400, "InvalidKey", `Invalid key: ${destination}`, "InvalidKey");
    if (storage.object(target, destination)) return errors.duplicate(res);
    const data = storage.readBytes(from);
    const copy = storage.write(target, destination, data, from.contentType, from.cacheControl, from.userMetadata);
    if (move) {
      storage.delete(from);
      return sendJson(res, 200, { message: "Successfully moved" });
    }
    sendJson(res, 200, { Key: `${copy.bucket}/${copy.name}`, Id: copy.id });
  }

  // ---- control ----------------------------------------------------------------------------------------

  app.control("GET", "/storage/objects", ({ res, query }) => {
    const bucket = query.get("bucket");
    const list = Object.values(storage.state.objects)
      .filter((o) => !bucket || o.bucket === bucket)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((o) => ({
        bucket: o.bucket,
        path: o.name,
        size: o.size,
        contentType: o.contentType,
        createdAt: o.createdAt,
      }));
    sendJson(res, 200, list);
  });
}

// ---- helpers ------------------------------------------------------------------------------------------

function parseBody(body: Buffer): Record<string, unknown> {
  if (!body.length) return {};
  try {
    const parsed = JSON.parse(body.toString("utf8")) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `null` for no limit, bytes for a valid limit, `false` for a malformed one ("20MB", 1024, …). */
function parseSizeLimit(value: unknown): number | null | false {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : false;
  const m = /^(\d+)\s*(B|KB|MB|GB)?$/i.exec(String(value).trim());
  if (!m) return false;
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[
    (m[2] ?? "B").toUpperCase() as "B" | "KB" | "MB" | "GB"
  ];
  return Number(m[1]) * unit;
}

function mimeAllowed(contentType: string, allowed: string[]): boolean {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return allowed.some((a) => {
    const rule = a.toLowerCase();
    return rule.endsWith("/*") ? type.startsWith(rule.slice(0, -1)) : rule === type;
  });
}

interface Upload {
  data: Buffer;
  contentType: string;
  /** Seconds, as storage-js sends it (`3600` in a form field, `max-age=3600` as a header). */
  cacheControl?: string;
  metadata: Record<string, unknown> | null;
}

/** storage-js sends raw bytes with `content-type` (Buffers, strings) or a multipart form (Blob, File, FormData). */
function readUpload({ req, body }: RequestContext): Upload | undefined {
  const contentType = req.headers["content-type"] ?? "application/octet-stream";
  if (/^multipart\/form-data/i.test(contentType)) {
    const boundary = boundaryOf(contentType);
    if (!boundary) return undefined;
    const parts = parseMultipart(body, boundary);
    const file = parts.find((p) => p.filename !== undefined) ?? parts.find((p) => p.name === "");
    if (!file) return undefined;
    const field = (name: string) =>
      parts.find((p) => p.name === name && p.filename === undefined)?.data.toString("utf8");
    return {
      data: file.data,
      contentType: file.contentType ?? "application/octet-stream",
      cacheControl: field("cacheControl"),
      metadata: parseMetadata(field("metadata")),
    };
  }
  const header = req.headers["x-metadata"];
  const metadata = typeof header === "string" ? parseMetadata(Buffer.from(header, "base64").toString("utf8")) : null;
  const cacheControl = /max-age=(\d+)/.exec(String(req.headers["cache-control"] ?? ""))?.[1];
  return { data: body, contentType, cacheControl, metadata };
}

function parseMetadata(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function objectRow(obj: ObjectRecord) {
  return {
    bucket_id: obj.bucket,
    name: obj.name,
    id: obj.id,
    owner: null,
    created_at: obj.createdAt,
    updated_at: obj.updatedAt,
    last_accessed_at: obj.updatedAt,
    metadata: fileMetadata(obj),
    user_metadata: obj.userMetadata,
  };
}

/** One folder level, as Supabase's `storage.search`: files directly under `prefix`, plus one entry per
 *  sub-folder (id and metadata null). */
function listFolder(objects: ObjectRecord[], input: Record<string, unknown>) {
  const prefix = String(input.prefix ?? "").replace(/^\/+|\/+$/g, "");
  const base = prefix ? `${prefix}/` : "";
  const search = String(input.search ?? "").toLowerCase();
  const limit = Number(input.limit ?? 100);
  const offset = Number(input.offset ?? 0);
  const sortBy = (input.sortBy ?? {}) as { column?: string; order?: string };

  const folders = new Set<string>();
  const files: ReturnType<typeof fileRow>[] = [];
  for (const obj of objects) {
    if (!obj.name.startsWith(base)) continue;
    const rest = obj.name.slice(base.length);
    const slash = rest.indexOf("/");
    if (slash === -1) files.push(fileRow(obj, rest));
    else folders.add(rest.slice(0, slash));
  }
  const rows = [
    ...[...folders].map((name) => ({
      name,
      id: null,
      updated_at: null,
      created_at: null,
      last_accessed_at: null,
      metadata: null,
    })),
    ...files,
  ].filter((r) => !search || r.name.toLowerCase().startsWith(search));

  const column = (
    ["name", "created_at", "updated_at", "last_accessed_at"].includes(sortBy.column ?? "") ? sortBy.column : "name"
  ) as "name";
  const direction = sortBy.order === "desc" ? -1 : 1;
  rows.sort((a, b) => String(a[column] ?? "").localeCompare(String(b[column] ?? "")) * direction);
  return rows.slice(offset, offset + limit);
}

function fileRow(obj: ObjectRecord, name: string) {
  return {
    name,
    id: obj.id as string | null,
    updated_at: obj.updatedAt as string | null,
    created_at: obj.createdAt as string | null,
    last_accessed_at: obj.updatedAt as string | null,
    metadata: fileMetadata(obj) as ReturnType<typeof fileMetadata> | null,
  };
}
