// The sandbox index page: it must name every service at the address the visitor used, and the control
// routes it advertises must exist.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../server";
import { CONTROL } from "./index-page";

let dir: string;
let sandbox: RunningSandbox;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-index-"));
  sandbox = await startSandbox({ port: 0, dataDir: dir });
});

afterAll(async () => {
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("GET /", () => {
  it("lists each service's base URL at this sandbox's address and links the inbox", async () => {
    const res = await fetch(`${sandbox.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/<html lang="en">/);
    for (const base of ["/v1", "/esim-go/v2.4", "/zendit/v1", "/supabase/storage/v1", "/resend"]) {
      expect(html).toContain(`<code>${sandbox.url}${base}</code>`);
    }
    expect(html).toContain('href="/inbox"');
  });

  it("advertises only GET control routes that answer", async () => {
    const gets = CONTROL.map(([route]) => /^GET(?:\|\w+)* (\S+)$/.exec(route)?.[1]).filter((r): r is string =>
      Boolean(r),
    );
    expect(gets.length).toBeGreaterThan(4);
    for (const route of gets) {
      const res = await fetch(`${sandbox.url}${route}`);
      expect(res.status, route).toBe(200);
    }
  });
});
