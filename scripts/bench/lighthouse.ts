// Lighthouse (mobile) scores and first-load JavaScript of the storefront's key pages, measured against a
// running production server (`next build && next start` with a synced catalogue).
//
//   tsx scripts/bench/lighthouse.ts [baseUrl]     — both reports for /, /destinations/japan and one bundle page
//
// First-load JS is measured the way a browser pays for it: fetch the route's HTML, take every <script src>
// it loads, fetch those files and gzip them. That needs no knowledge of Next's build-manifest layout, which
// changes between versions, and counts exactly what a first visit downloads.
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";

export const CHROMIUM_PATH = "/usr/bin/chromium";
const CHROME_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];
export type Scores = Record<Category, number>;

export interface LighthousePageResult {
  path: string;
  runs: Scores[];
  /** Median of the runs per category, 0–100. */
  median: Scores;
  /** Failing audits of the last run (score < 1), per category, to say what to fix. */
  failing: Partial<Record<Category, string[]>>;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
};

/** The paths the storefront targets are set for: home, a destination, and the first bundle that destination lists. */
export async function defaultLighthousePaths(baseUrl: string, destination = "/destinations/japan"): Promise<string[]> {
  const html = await (await fetch(new URL(destination, baseUrl))).text();
  const bundle = /href="(\/bundles\/[^"?#]+)"/.exec(html)?.[1];
  if (!bundle) throw new Error(`no bundle link on ${destination} — is the catalogue synced?`);
  return ["/", destination, bundle];
}

export async function runLighthouseBench(options: {
  baseUrl: string;
  paths?: string[];
  runs?: number;
  chromePath?: string;
  log?: (line: string) => void;
}): Promise<LighthousePageResult[]> {
  const { baseUrl, runs = 3, chromePath = CHROMIUM_PATH, log = console.log } = options;
  const paths = options.paths ?? (await defaultLighthousePaths(baseUrl));
  // Loaded here, not at the top: Lighthouse is large, and firstLoadJs() does not need it.
  const [chromeLauncher, { default: lighthouse }] = await Promise.all([
    import("chrome-launcher"),
    import("lighthouse"),
  ]);
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
  const results: LighthousePageResult[] = [];
  try {
    for (const path of paths) {
      const url = new URL(path, baseUrl).href;
      const scores: Scores[] = [];
      let failing: LighthousePageResult["failing"] = {};
      for (let i = 0; i < runs; i++) {
        // Default config = mobile form factor, Moto G class screen and simulated slow-4G/CPU throttling.
        const result = await lighthouse(url, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: [...CATEGORIES],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        const { lhr } = result;
        if (lhr.runtimeError)
          throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const run = {} as Scores;
        for (const c of CATEGORIES) run[c] = Math.round((lhr.categories[c]?.score ?? 0) * 100);
        scores.push(run);
        failing = {};
        for (const c of CATEGORIES) {
          const ids = (lhr.categories[c]?.auditRefs ?? [])
            .filter((ref) => ref.weight > 0)
            .map((ref) => lhr.audits[ref.id])
            .filter((a) => a && a.score !== null && a.score < 1)
            .map((a) => `${a!.id}${a!.displayValue ? ` (${a!.displayValue})` : ""}`);
          if (ids.length) failing[c] = ids;
        }
      }
      const med = {} as Scores;
      for (const c of CATEGORIES) med[c] = median(scores.map((s) => s[c]));
      results.push({ path, runs: scores, median: med, failing });
      log(
        `lighthouse ${path.padEnd(48)} perf ${pad(med.performance)}  a11y ${pad(med.accessibility)}  best ${pad(med["best-practices"])}  seo ${pad(med.seo)}  (median of ${runs})`,
      );
      for (const [c, ids] of Object.entries(failing)) log(`    ${c}: ${ids.join(", ")}`);
    }
  } finally {
    chrome.kill();
  }
  return results;
}

const pad = (n: number) => String(n).padStart(3);

export interface FirstLoadJsResult {
  path: string;
  /** Sum of the gzip-compressed sizes of every external script the page loads, in kB (1000 bytes). */
  gzipKb: number;
  rawKb: number;
  scripts: { src: string; rawBytes: number; gzipBytes: number }[];
  /** Inline <script> bytes (Next's RSC payload and bootstrap), gzip kB; reported, not counted above. */
  inlineGzipKb: number;
}

/** First-load JS per route, from the running server: every <script src> in the route's HTML, gzipped. */
export async function firstLoadJs(options: {
  baseUrl: string;
  paths?: string[];
  log?: (line: string) => void;
}): Promise<FirstLoadJsResult[]> {
  const { baseUrl, log = console.log } = options;
  const paths = options.paths ?? (await defaultLighthousePaths(baseUrl));
  const fileCache = new Map<string, Buffer>();
  const results: FirstLoadJsResult[] = [];
  for (const path of paths) {
    const res = await fetch(new URL(path, baseUrl));
    if (!res.ok) throw new Error(`GET ${path} → ${res.status}`);
    const html = await res.text();
    // <script nomodule> files (legacy polyfills) are skipped by every browser that runs modules: not counted.
    const tags = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)];
    const srcs = [...new Set(tags.filter((m) => !/\bnomodule\b/i.test(m[0])).map((m) => decodeEntities(m[1]!)))];
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
      .filter((m) => !/type="application\/ld\+json"/.test(m[0]))
      .map((m) => m[1]!)
      .join("");
    const scripts: FirstLoadJsResult["scripts"] = [];
    for (const src of srcs) {
      const url = new URL(src, baseUrl).href;
      let body = fileCache.get(url);
      if (!body) {
        const r = await fetch(url);
        if (!r.ok) throw new Error(`GET ${src} → ${r.status}`);
        body = Buffer.from(await r.arrayBuffer());
        fileCache.set(url, body);
      }
      scripts.push({ src, rawBytes: body.length, gzipBytes: gzipSync(body).length });
    }
    const kb = (bytes: number) => Math.round(bytes / 100) / 10;
    const result = {
      path,
      gzipKb: kb(scripts.reduce((n, s) => n + s.gzipBytes, 0)),
      rawKb: kb(scripts.reduce((n, s) => n + s.rawBytes, 0)),
      scripts,
      inlineGzipKb: kb(inline ? gzipSync(inline).length : 0),
    };
    results.push(result);
    log(
      `first-load JS ${path.padEnd(44)} ${String(result.gzipKb).padStart(6)} kB gzip (${scripts.length} files, ${result.rawKb} kB raw; inline payload ${result.inlineGzipKb} kB gzip)`,
    );
  }
  return results;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const baseUrl = process.argv[2] ?? "http://127.0.0.1:3000";
  const paths = await defaultLighthousePaths(baseUrl);
  await firstLoadJs({ baseUrl, paths });
  await runLighthouseBench({ baseUrl, paths });
}
