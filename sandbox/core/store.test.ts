import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Store, writeDelayMs } from "./store";

const dirs: string[] = [];
const tempStore = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-store-"));
  dirs.push(dir);
  return { dir, store: new Store(dir) };
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("sandbox store", () => {
  it("spaces writes by what the last one cost, within 50 ms and 2 s", () => {
    expect(writeDelayMs(0)).toBe(50);
    expect(writeDelayMs(10)).toBe(200);
    expect(writeDelayMs(500)).toBe(2_000);
  });

  it("writes a burst of changes once, and everything pending when closed", async () => {
    const { dir, store } = tempStore();
    const state = store.ns("svc", () => ({ n: 0 }));
    for (let i = 0; i < 100; i++) {
      state.n++;
      store.touch("svc");
    }
    expect(fs.existsSync(path.join(dir, "svc.json"))).toBe(false);
    await new Promise((r) => setTimeout(r, 120));
    expect(JSON.parse(fs.readFileSync(path.join(dir, "svc.json"), "utf8"))).toEqual({ n: 100 });

    state.n = 7;
    store.touch("svc");
    store.close();
    expect(JSON.parse(fs.readFileSync(path.join(dir, "svc.json"), "utf8"))).toEqual({ n: 7 });
    expect(new Store(dir).ns("svc", () => ({ n: -1 }))).toEqual({ n: 7 });
  });
});

describe("sandbox store journal", () => {
  interface Doc {
    secret: string;
    counter: number;
    emails: Record<string, { subject: string; html: string }>;
    orders: { ref: string }[];
  }
  const fresh = (): Doc => ({ secret: crypto.randomUUID(), counter: 0, emails: {}, orders: [] });
  const email = (i: number) => ({ subject: `Email ${i}`, html: `<p>${"x".repeat(2000)} ${i}</p>` });

  it("a change to one record appends that record only; the snapshot of the others is not rewritten", () => {
    const { dir, store } = tempStore();
    const state = store.ns("mail", fresh);
    for (let i = 0; i < 50; i++) state.emails[`e${i}`] = email(i);
    store.touch("mail");
    store.flush();
    const snapshot = fs.readFileSync(path.join(dir, "mail.json"), "utf8");

    state.emails.e50 = email(50);
    state.counter = 1;
    store.touch("mail", ["emails", "e50"], ["counter"]);
    store.flush();

    expect(fs.readFileSync(path.join(dir, "mail.json"), "utf8")).toBe(snapshot);
    const journal = fs.readFileSync(path.join(dir, "mail.log"), "utf8");
    expect(journal).toContain("Email 50");
    expect(journal).not.toContain("Email 49");
    expect(journal.length).toBeLessThan(JSON.stringify(email(50)).length + 200);
  });

  it("a restart replays the journal over the snapshot: updates, deletions, array entries and fields, in order", () => {
    const { dir, store } = tempStore();
    const state = store.ns("mail", fresh);
    state.emails.a = email(1);
    state.emails.b = email(2);
    store.touch("mail");
    store.flush();
    state.emails.c = email(3);
    state.emails.a.subject = "Edited";
    delete state.emails.b;
    state.orders.push({ ref: "o1" }, { ref: "o2" });
    state.counter = 42;
    store.touch("mail", ["emails", "c"], ["emails", "a"], ["emails", "b"], ["orders", 0], ["orders", 1], ["counter"]);
    store.close();

    const reloaded = new Store(dir).ns("mail", fresh);
    expect(reloaded).toEqual(state);
    expect(Object.keys(reloaded.emails)).toEqual(["a", "c"]);
  });

  it("a namespace's first write is whole, so what its factory drew at random survives a restart", () => {
    const { dir, store } = tempStore();
    const state = store.ns("mail", fresh);
    state.emails.a = email(1);
    store.touch("mail", ["emails", "a"]);
    store.close();
    expect(new Store(dir).ns("mail", fresh).secret).toBe(state.secret);
  });

  it("drops a line cut short by a crash mid-append and keeps journalling after it", () => {
    const { dir, store } = tempStore();
    const state = store.ns("mail", fresh);
    store.touch("mail");
    store.flush();
    state.emails.a = email(1);
    store.touch("mail", ["emails", "a"]);
    store.close();
    fs.appendFileSync(path.join(dir, "mail.log"), '{"p":["emails","torn"],"v":{"subj');

    const second = new Store(dir);
    const again = second.ns("mail", fresh);
    expect(Object.keys(again.emails)).toEqual(["a"]);
    again.emails.b = email(2);
    second.touch("mail", ["emails", "b"]);
    second.close();
    expect(Object.keys(new Store(dir).ns("mail", fresh).emails)).toEqual(["a", "b"]);
  });

  it("folds a journal grown past the snapshot into a new snapshot", () => {
    const { dir, store } = tempStore();
    const state = store.ns("mail", fresh);
    store.touch("mail");
    store.flush();
    for (let i = 0; i < 60; i++) {
      state.emails[`e${i}`] = email(i);
      store.touch("mail", ["emails", `e${i}`]);
      store.flush();
    }
    // 60 emails of ~2 KB: past the 64 KB floor, the journal was folded into the snapshot at least once.
    expect(fs.statSync(path.join(dir, "mail.json")).size).toBeGreaterThan(60_000);
    expect(fs.existsSync(path.join(dir, "mail.log.old"))).toBe(false);
    expect(Object.keys(new Store(dir).ns("mail", fresh).emails)).toHaveLength(60);
  });

  it("recovers from a crash in the middle of folding the journal, whichever step it reached", () => {
    const setUp = () => {
      const { dir, store } = tempStore();
      const state = store.ns("mail", fresh);
      state.emails.a = email(1);
      store.touch("mail");
      store.flush();
      state.emails.a.subject = "Journalled";
      store.touch("mail", ["emails", "a"]);
      store.close();
      // The state a compaction would have written: the journal's change plus one more.
      const next = { ...state, emails: { a: { ...state.emails.a, subject: "Compacted" } } };
      return { dir, next };
    };
    // Crashed after moving the journal aside, before the new snapshot was renamed in.
    const one = setUp();
    fs.writeFileSync(path.join(one.dir, "mail.json.tmp"), JSON.stringify(one.next));
    fs.renameSync(path.join(one.dir, "mail.log"), path.join(one.dir, "mail.log.old"));
    expect(new Store(one.dir).ns("mail", fresh).emails.a!.subject).toBe("Compacted");
    expect(fs.existsSync(path.join(one.dir, "mail.log.old"))).toBe(false);

    // Crashed after the new snapshot was renamed in: the old journal must not be replayed over it.
    const two = setUp();
    fs.writeFileSync(path.join(two.dir, "mail.json"), JSON.stringify(two.next));
    fs.renameSync(path.join(two.dir, "mail.log"), path.join(two.dir, "mail.log.old"));
    expect(new Store(two.dir).ns("mail", fresh).emails.a!.subject).toBe("Compacted");

    // Crashed while writing the new snapshot: the old one and its journal stand.
    const three = setUp();
    fs.writeFileSync(path.join(three.dir, "mail.json.tmp"), '{"half');
    expect(new Store(three.dir).ns("mail", fresh).emails.a!.subject).toBe("Journalled");
  });

  it("a reset leaves no journal behind, for namespaces loaded or not", () => {
    const { dir, store } = tempStore();
    const state = store.ns("mail", fresh);
    store.touch("mail");
    state.emails.a = email(1);
    store.touch("mail", ["emails", "a"]);
    store.close();
    fs.writeFileSync(path.join(dir, "other.json"), "{}");
    fs.writeFileSync(path.join(dir, "other.log"), '{"p":["x"],"v":1}\n');

    const second = new Store(dir);
    second.ns("mail", fresh);
    second.reset();
    expect(fs.readdirSync(dir).sort()).toEqual(["mail.json"]);
    expect(new Store(dir).ns("mail", fresh).emails).toEqual({});
  });
});
