// Sandbox state: one JSON document per service under the data dir, kept across restarts and wiped by
// a reset. Writes are debounced so a burst of requests costs one write; `flush()` runs on shutdown. The pause
// grows with what a write costs: a state of thousands of orders takes tens of milliseconds to serialise, and
// rewriting it every 50 ms under a storm would make the sandbox, not the app, the bench's bottleneck.
import fs from "node:fs";
import path from "node:path";

type Factory<T> = () => T;

/** At most ~5 % of the time spent writing, between 50 ms and 2 s after the first change. */
export function writeDelayMs(lastWriteMs: number): number {
  return Math.min(2_000, Math.max(50, Math.round(lastWriteMs * 20)));
}

export class Store {
  private docs = new Map<string, { data: unknown; factory: Factory<unknown> }>();
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
    const file = this.file(name);
    let data: T;
    try {
      data = JSON.parse(fs.readFileSync(file, "utf8")) as T;
    } catch {
      data = factory();
    }
    this.docs.set(name, { data, factory: factory as Factory<unknown> });
    return data;
  }

  /** Mark a namespace changed; it is written shortly after. */
  touch(name: string): void {
    if (this.closed) return;
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
      const tmp = `${this.file(name)}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(doc.data));
      fs.renameSync(tmp, this.file(name));
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
      this.dirty.add(name);
    }
    for (const f of fs.readdirSync(this.dir)) {
      if (f.endsWith(".json") && !this.docs.has(f.slice(0, -5))) fs.rmSync(path.join(this.dir, f), { force: true });
    }
    this.flush();
  }

  private file(name: string) {
    return path.join(this.dir, `${name}.json`);
  }
}
