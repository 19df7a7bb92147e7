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
