import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultLighthousePaths, firstLoadJs } from "./lighthouse";

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
