import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultLighthousePaths, firstLoadJs, summarise, type PageRuns, type Run } from "./lighthouse";

// A stand-in for a running Next server: pages with <script src> tags and the chunks they load.
const chunkA = "console.log('a');".repeat(400);
const chunkB = "export const b = [1, 2, 3];\n".repeat(50);
const legacy = "var polyfill = true;".repeat(300);
const inline = 'self.__next_f.push([1,"payload"])'.repeat(20);
const files: Record<string, string> = {
  "/": `<html><head><script src="/_next/a.js" async=""></script><script src="/_next/b.js?dpl=x&amp;v=1" async=""></script>
<script src="/_next/legacy.js" noModule=""></script></head><body>
<script>${inline}</script><script type="application/ld+json">{"@type":"Product"}</script>
<a href="/destinations/japan">Japan</a></body></html>`,
  "/destinations/japan": `<html><head><script src="/_next/a.js" async=""></script></head><body>
<a href="/help/install">Help</a><a href="/bundles/esim_1GB_7D_JP_V2" class="x">1 GB</a><a href="/bundles/esim_2GB_15D_JP_V2">2 GB</a></body></html>`,
  "/_next/a.js": chunkA,
  "/_next/b.js?dpl=x&v=1": chunkB,
  "/_next/legacy.js": legacy,
};

let server: http.Server;
let baseUrl: string;
const requested: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requested.push(req.url ?? "");
    const body = files[req.url ?? ""];
    res.writeHead(body === undefined ? 404 : 200).end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("firstLoadJs", () => {
  it("sums the gzip size of every module script a page loads, and leaves nomodule polyfills out", async () => {
    const [home] = await firstLoadJs({ baseUrl, paths: ["/"], log: () => {} });
    expect(home!.scripts.map((s) => s.src)).toEqual(["/_next/a.js", "/_next/b.js?dpl=x&v=1"]);
    const gzipBytes = gzipSync(chunkA).length + gzipSync(chunkB).length;
    expect(home!.gzipKb).toBe(Math.round(gzipBytes / 100) / 10);
    expect(home!.rawKb).toBe(Math.round((chunkA.length + chunkB.length) / 100) / 10);
    expect(requested).not.toContain("/_next/legacy.js");
    // The inline RSC payload is reported apart; structured data is not script at all.
    expect(home!.inlineGzipKb).toBe(Math.round(gzipSync(inline).length / 100) / 10);
  });

  it("fails loudly when a page or script is missing instead of reporting a smaller number", async () => {
    await expect(firstLoadJs({ baseUrl, paths: ["/nope"], log: () => {} })).rejects.toThrow("GET /nope → 404");
  });
});

describe("defaultLighthousePaths", () => {
  it("takes the first plan the destination page links to", async () => {
    expect(await defaultLighthousePaths(baseUrl)).toEqual(["/", "/destinations/japan", "/bundles/esim_1GB_7D_JP_V2"]);
  });
});

describe("summarise", () => {
  const run = (lcp: number, tbt: number, performance: number, benchmarkIndex = 1000): Run => ({
    fcp: lcp / 2,
    lcp,
    tbt,
    si: lcp,
    cls: 0,
    performance,
    accessibility: 100,
    "best-practices": 100,
    seo: 100,
    benchmarkIndex,
  });
  const pageRuns = (label: string, runs: Run[]): PageRuns => ({ label, url: `http://x/${label}`, runs, failing: {} });
  // Round 2 ran while the machine was busy: every page, the bare one too, was slow in it.
  const bare = pageRuns("bare", [run(700, 150, 98, 1500), run(2000, 600, 70, 600), run(650, 140, 99, 1600)]);
  const page = pageRuns("/", [run(1000, 180, 95, 1500), run(2300, 640, 66, 600), run(1100, 150, 96, 1600)]);

  it("compares with the bare page of the same round, not with the bare page's typical run", () => {
    const s = summarise(page, bare);
    // Per-round LCP differences are +300, +300, +450 → median +300; median minus median would say +400.
    expect(s.vsBare!.lcp).toBe(300);
    expect(s.vsBare!.tbt).toBe(30);
    expect(s.vsBare!.performance).toBe(-3);
  });

  it("reports the best run (lowest time, highest score), the median and the benchmark index", () => {
    const s = summarise(page, bare);
    expect(s.best.lcp).toBe(1000);
    expect(s.best.performance).toBe(96);
    expect(s.median.lcp).toBe(1100);
    expect(s.median.benchmarkIndex).toBe(1500);
    expect(s.rounds).toBe(3);
  });

  it("gives the bare page no difference to itself", () => {
    expect(summarise(bare, bare).vsBare).toBeUndefined();
  });
});
