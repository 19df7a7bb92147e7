// Supabase Storage state: bucket and object metadata in the store's `storage` namespace, object bytes as
// files under `<dataDir>/storage/`, named by object id so no key can reach outside that folder.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SandboxApp } from "../server";
import type { RecordPath } from "../core/store";

export interface BucketRecord {
  id: string;
  name: string;
  owner: string;
  public: boolean;
  /** Bytes; null means the project-wide limit. */
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
  type: "STANDARD";
  created_at: string;
  updated_at: string;
}

export interface ObjectRecord {
  id: string;
  bucket: string;
  name: string;
  size: number;
  contentType: string;
  cacheControl: string;
  eTag: string;
  userMetadata: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
}

export interface StorageState {
  /** HMAC key for signed-URL tokens; a reset makes a new one, voiding URLs to objects that are gone anyway. */
  secret: string;
  buckets: Record<string, BucketRecord>;
  /** Keyed by `<bucket>/<name>`. */
  objects: Record<string, ObjectRecord>;
}

/** The bucket the app keeps QR codes in, as `supabase/` config would create it in a real project. */
export const DEFAULT_BUCKETS = ["esim-qr"];

function freshState(): StorageState {
  const now = new Date().toISOString();
  const buckets: Record<string, BucketRecord> = {};
  for (const id of DEFAULT_BUCKETS) {
    buckets[id] = {
      id,
      name: id,
      owner: "",
      public: false,
      file_size_limit: null,
      allowed_mime_types: null,
      type: "STANDARD",
      created_at: now,
      updated_at: now,
    };
  }
  return { secret: crypto.randomBytes(32).toString("hex"), buckets, objects: {} };
}

export class StorageStore {
  constructor(private readonly app: SandboxApp) {}

  /** Re-read on every call: a reset replaces the document. */
  get state(): StorageState {
    return this.app.store.ns<StorageState>("storage", freshState);
  }

  /** Name the records changed (`["objects", key]`) so only they are written; nothing named rewrites it all. */
  touch(...records: RecordPath[]): void {
    this.app.store.touch("storage", ...records);
  }

  get dir(): string {
    return path.join(this.app.config.dataDir, "storage");
  }

  object(bucket: string, name: string): ObjectRecord | undefined {
    return this.state.objects[`${bucket}/${name}`];
  }

  readBytes(obj: ObjectRecord): Buffer {
    return fs.readFileSync(path.join(this.dir, obj.id));
  }

  /** Writes the bytes before the metadata points at them, so a crash never leaves a record without a file. */
  write(
    bucket: string,
    name: string,
    data: Buffer,
    contentType: string,
    cacheControl: string,
    userMetadata: Record<string, unknown> | null,
  ): ObjectRecord {
    const now = new Date().toISOString();
    const existing = this.object(bucket, name);
    const id = existing?.id ?? crypto.randomUUID();
    fs.mkdirSync(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `${id}.tmp`);
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, path.join(this.dir, id));
    const record: ObjectRecord = {
      id,
      bucket,
      name,
      size: data.length,
      contentType,
      cacheControl,
      eTag: `"${crypto.createHash("md5").update(data).digest("hex")}"`,
      userMetadata,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    this.state.objects[`${bucket}/${name}`] = record;
    this.touch(["objects", `${bucket}/${name}`]);
    return record;
  }

  delete(obj: ObjectRecord): void {
    delete this.state.objects[`${obj.bucket}/${obj.name}`];
    fs.rmSync(path.join(this.dir, obj.id), { force: true });
    this.touch(["objects", `${obj.bucket}/${obj.name}`]);
  }

  objectsIn(bucket: string): ObjectRecord[] {
    return Object.values(this.state.objects).filter((o) => o.bucket === bucket);
  }

  wipeFiles(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The `metadata` Supabase reports for an object (list, info). */
export function fileMetadata(obj: ObjectRecord) {
  return {
    eTag: obj.eTag,
    size: obj.size,
    mimetype: obj.contentType,
    cacheControl: obj.cacheControl,
    lastModified: obj.updatedAt,
    contentLength: obj.size,
    httpStatusCode: 200,
  };
}
