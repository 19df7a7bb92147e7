// Sandbox state: one JSON document per service under the data dir, kept across restarts and wiped by a reset.
// A write costs what changed, not what is kept: a service that names the records it changed
// (`touch("stripe", ["sessions", id])`) has just those appended to the namespace's journal, `<ns>.log`, one
// JSON line per record; a bare `touch("stripe")` rewrites the whole snapshot, `<ns>.json`, and so does a
// journal grown past the snapshot's size (compaction: each snapshot byte is paid for by a journal byte).
// Loading reads the snapshot and replays the journal. Writes are debounced so a burst of requests costs one
// write; `flush()` runs on shutdown.
import fs from "node:fs";
import path from "node:path";

type Factory<T> = () => T;

/** A top-level field of a namespace's document, or one entry (object key or array index) of it. */
export type RecordPath = readonly [field: string] | readonly [field: string, key: string | number];

/** A journal this small is replayed rather than compacted, however small the snapshot. */
const MIN_JOURNAL_BYTES = 64 * 1024;

/** At most ~5 % of the time spent writing, between 50 ms and 2 s after the first change. */
export function writeDelayMs(lastWriteMs: number): number {
  return Math.min(2_000, Math.max(50, Math.round(lastWriteMs * 20)));
}

interface Doc {
  data: unknown;
  factory: Factory<unknown>;
  /** The whole document must be rewritten (a bare `touch`, a reset, or no snapshot on disk yet). */
  full: boolean;
  /** Records changed since the last write, by `JSON.stringify(path)`, in the order first changed. */
  records: Map<string, RecordPath>;
  snapshotBytes: number;
  journalBytes: number;
}

export class Store {
  private docs = new Map<string, Doc>();
  private dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private lastWriteMs = 0;

  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  /** The service's state document, loaded from disk on first use or made fresh by `factory`. */
  ns<T>(name: string, factory: Factory<T>): T {
    const existing = this.docs.get(name);
    if (existing) return existing.data as T;
    const doc = this.load(name, factory as Factory<unknown>);
    this.docs.set(name, doc);
    return doc.data as T;
  }

  /** Mark a namespace changed; it is written shortly after. Naming the records that changed writes just those:
   *  every record a handler changed must be named, or the change waits for the next full write. */
  touch(name: string, ...records: RecordPath[]): void {
    if (this.closed) return;
    const doc = this.docs.get(name);
    if (doc && records.length) for (const r of records) doc.records.set(JSON.stringify(r), r);
    else if (doc) doc.full = true;
    this.dirty.add(name);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), writeDelayMs(this.lastWriteMs));
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const started = performance.now();
    for (const name of this.dirty) {
      const doc = this.docs.get(name);
      if (!doc) continue;
      if (doc.full || doc.journalBytes > Math.max(MIN_JOURNAL_BYTES, doc.snapshotBytes)) this.writeSnapshot(name, doc);
      else this.appendJournal(name, doc);
    }
    this.dirty.clear();
    this.lastWriteMs = performance.now() - started;
  }

  /** Write what is pending and stop writing: late callbacks (delivery retries) must not touch a closed dir. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  /** Replace every namespace with fresh state, in memory and on disk. Objects handed out before stay stale,
   *  so services must read state through `ns()` on each request rather than caching it. */
  reset(): void {
    for (const [name, doc] of this.docs) {
      doc.data = doc.factory();
      doc.full = true;
      this.dirty.add(name);
    }
    for (const f of fs.readdirSync(this.dir)) {
      const name = /^(.+)\.(json|log)(\.old|\.tmp)?$/.exec(f)?.[1];
      if (name !== undefined && !this.docs.has(name)) fs.rmSync(path.join(this.dir, f), { force: true });
    }
    this.flush();
  }

  private file(name: string, ext: "json" | "log") {
    return path.join(this.dir, `${name}.${ext}`);
  }

  private load(name: string, factory: Factory<unknown>): Doc {
    const snapshot = this.file(name, "json");
    const journal = this.file(name, "log");
    // A compaction moves the journal aside before the new snapshot takes its place: if `.log.old` is still
    // there, that snapshot (in `.json.tmp` or already renamed) holds everything the old journal did.
    if (fs.existsSync(`${journal}.old`)) {
      if (fs.existsSync(`${snapshot}.tmp`)) fs.renameSync(`${snapshot}.tmp`, snapshot);
      fs.rmSync(`${journal}.old`, { force: true });
    }
    const doc: Doc = { data: undefined, factory, full: false, records: new Map(), snapshotBytes: 0, journalBytes: 0 };
    try {
      const bytes = fs.readFileSync(snapshot);
      doc.data = JSON.parse(bytes.toString("utf8"));
      doc.snapshotBytes = bytes.length;
    } catch {
      doc.data = factory();
      // A fresh document may hold what its factory drew at random (signing secrets): write it whole first.
      doc.full = true;
    }
    let text: string;
    try {
      text = fs.readFileSync(journal, "utf8");
    } catch {
      return doc;
    }
    let valid = 0;
    for (let at = 0; at < text.length;) {
      const end = text.indexOf("\n", at);
      // A line without its newline was cut short by a crash mid-append: it was never acknowledged as written.
      if (end === -1) break;
      let entry: { p: RecordPath; v?: unknown };
      try {
        entry = JSON.parse(text.slice(at, end)) as { p: RecordPath; v?: unknown };
      } catch {
        console.warn(`[sandbox] ${journal}: an unreadable entry; it and the entries after it are dropped`);
        break;
      }
      applyEntry(doc.data as Record<string, unknown>, entry.p, "v" in entry, entry.v);
      at = end + 1;
      valid = at;
    }
    doc.journalBytes = Buffer.byteLength(text.slice(0, valid));
    if (valid < text.length) fs.truncateSync(journal, doc.journalBytes);
    return doc;
  }

  private appendJournal(name: string, doc: Doc): void {
    if (!doc.records.size) return;
    let lines = "";
    for (const p of doc.records.values()) {
      const value = readEntry(doc.data as Record<string, unknown>, p);
      lines += `${JSON.stringify(value === undefined ? { p } : { p, v: value })}\n`;
    }
    fs.appendFileSync(this.file(name, "log"), lines);
    doc.journalBytes += Buffer.byteLength(lines);
    doc.records.clear();
  }

  /** Snapshot first, journal moved aside, snapshot renamed in, old journal dropped: a crash at any step leaves
   *  either the old snapshot with its journal or the new snapshot alone (see `load`). */
  private writeSnapshot(name: string, doc: Doc): void {
    const snapshot = this.file(name, "json");
    const journal = this.file(name, "log");
    const text = JSON.stringify(doc.data);
    fs.writeFileSync(`${snapshot}.tmp`, text);
    let moved = true;
    try {
      fs.renameSync(journal, `${journal}.old`);
    } catch {
      moved = false;
    }
    fs.renameSync(`${snapshot}.tmp`, snapshot);
    if (moved) fs.rmSync(`${journal}.old`, { force: true });
    doc.full = false;
    doc.records.clear();
    doc.snapshotBytes = Buffer.byteLength(text);
    doc.journalBytes = 0;
  }
}

function readEntry(data: Record<string, unknown>, [field, key]: RecordPath): unknown {
  if (key === undefined) return data[field];
  const parent = data[field] as Record<string | number, unknown> | undefined;
  return parent?.[key];
}

function applyEntry(data: Record<string, unknown>, [field, key]: RecordPath, present: boolean, value: unknown): void {
  if (field === "__proto__" || key === "__proto__") return;
  if (key === undefined) {
    if (present) data[field] = value;
    else delete data[field];
    return;
  }
  const parent = (data[field] ??= {}) as Record<string | number, unknown>;
  if (present) parent[key] = value;
  else delete parent[key];
}
