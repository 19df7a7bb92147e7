// Lighthouse (mobile) figures and first-load JavaScript of the storefront's key pages, each read beside a
// bare Next.js page of the same versions (./bare-page.ts) measured in the same rounds.
//
//   tsx scripts/bench/lighthouse.ts <baseUrl> [bareUrl]   — both reports for /, /destinations/japan and one plan
//
// The machine is shared, so one Lighthouse figure says little: Lighthouse's own CPU benchmark index moves
// between ~600 and ~1900 on the same box. Each run gets a fresh browser, the pages are interleaved with the
// bare page round by round, and the figure the targets use is the median of the per-round differences to
// the bare page.
//
// First-load JS is measured the way a browser pays for it: fetch the route's HTML, take every <script src>
// it loads, fetch those files and gzip them. That needs no knowledge of Next's build-manifest layout, which
// changes between versions, and counts exactly what a first visit downloads.
import fs from "node:fs";
import path from "node:path";
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
const METRICS = {
  fcp: "first-contentful-paint",
  lcp: "largest-contentful-paint",
  tbt: "total-blocking-time",
  si: "speed-index",
  cls: "cumulative-layout-shift",
} as const;
export type Metric = keyof typeof METRICS;

/** One Lighthouse run: scores 0–100, metrics in ms (CLS unitless), and the machine's benchmark index. */
export type Run = Record<Category | Metric, number> & { benchmarkIndex: number };
export const FIGURES = ["fcp", "lcp", "tbt", "si", "cls", "performance"] as const;
export type Figure = (typeof FIGURES)[number];

export interface PageRuns {
  label: string;
  url: string;
  runs: Run[];
  /** Failing audits of the last run (score < 1), per category, to say what to fix. */
  failing: Partial<Record<Category, string[]>>;
  /** LCP element and the observed (unthrottled) paint and script timings of the last run. */
  lcpNote?: string;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Lower is better for every metric, higher for scores. */
const best = (figure: Figure | Category | "benchmarkIndex", xs: number[]) =>
  figure === "performance" || (CATEGORIES as readonly string[]).includes(figure) ? Math.max(...xs) : Math.min(...xs);

export interface PageSummary {
  label: string;
  rounds: number;
  best: Record<Figure, number>;
  median: Record<Figure | Category | "benchmarkIndex", number>;
  /** Median over rounds of (this page − the bare page in the same round); absent for the bare page itself. */
  vsBare?: Record<Figure, number>;
}

/** Best, median and the same-round difference to the bare page, per figure. Runs pair up by index. */
export function summarise(page: PageRuns, bare?: PageRuns): PageSummary {
  const pick = (k: keyof Run, runs = page.runs) => runs.map((r) => r[k]);
  const out: PageSummary = {
    label: page.label,
    rounds: page.runs.length,
    best: {} as PageSummary["best"],
    median: {} as PageSummary["median"],
  };
  for (const f of FIGURES) {
    out.best[f] = best(f, pick(f));
    out.median[f] = median(pick(f));
  }
  for (const c of CATEGORIES) out.median[c] = median(pick(c));
  out.median.benchmarkIndex = median(pick("benchmarkIndex"));
  if (bare && bare !== page) {
    const n = Math.min(page.runs.length, bare.runs.length);
    out.vsBare = {} as Record<Figure, number>;
    for (const f of FIGURES)
      out.vsBare[f] = median(Array.from({ length: n }, (_, i) => page.runs[i]![f] - bare.runs[i]![f]));
  }
  return out;
}

/** The paths the storefront targets are set for: home, a destination, and the first bundle that destination lists. */
export async function defaultLighthousePaths(baseUrl: string, destination = "/destinations/japan"): Promise<string[]> {
  const html = await (await fetch(new URL(destination, baseUrl))).text();
  const bundle = /href="(\/bundles\/[^"?#]+)"/.exec(html)?.[1];
  if (!bundle) throw new Error(`no bundle link on ${destination} — is the catalogue synced?`);
  return ["/", destination, bundle];
}

/**
 * Lighthouse on every page, `rounds` times, a fresh browser per run, pages interleaved within each round
 * (so a busy moment on the machine hits every page of that round alike, the bare page included).
 */
export async function runLighthouseRounds(options: {
  pages: { label: string; url: string }[];
  rounds?: number;
  chromePath?: string;
  log?: (line: string) => void;
  /** A folder for each run's full report and trace (`BENCH_LIGHTHOUSE_DIR`), to read why a figure is what it is. */
  reportDir?: string;
}): Promise<PageRuns[]> {
  const { pages, rounds = 3, chromePath = CHROMIUM_PATH, log = console.log, reportDir } = options;
  // Loaded here, not at the top: Lighthouse is large, and firstLoadJs() does not need it.
  const [chromeLauncher, { default: lighthouse }] = await Promise.all([
    import("chrome-launcher"),
    import("lighthouse"),
  ]);
  const results: PageRuns[] = pages.map((p) => ({ ...p, runs: [], failing: {} }));
  for (let round = 0; round < rounds; round++) {
    for (const page of results) {
      const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
      try {
        // Default config = mobile form factor, Moto G class screen and simulated slow-4G/CPU throttling.
        const result = await lighthouse(page.url, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: [...CATEGORIES],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`);
        const { lhr } = result;
        if (lhr.runtimeError)
          throw new Error(`Lighthouse failed on ${page.url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const run = { benchmarkIndex: Math.round(lhr.environment.benchmarkIndex) } as Run;
        for (const c of CATEGORIES) run[c] = Math.round((lhr.categories[c]?.score ?? 0) * 100);
        for (const [k, id] of Object.entries(METRICS)) run[k as Metric] = lhr.audits[id]?.numericValue ?? NaN;
        page.runs.push(run);
        page.failing = failingAudits(lhr);
        page.lcpNote = lcpNote(lhr, result.artifacts);
        if (reportDir) {
          const base = path.join(reportDir, `${slug(page.label)}-round${round + 1}`);
          fs.mkdirSync(reportDir, { recursive: true });
          fs.writeFileSync(`${base}.report.json`, JSON.stringify(lhr));
          fs.writeFileSync(`${base}.trace.json`, JSON.stringify(result.artifacts.Trace));
        }
        log(
          `  round ${round + 1} ${page.label.padEnd(34)} perf ${pad(run.performance)}  LCP ${ms(run.lcp)}  TBT ${ms(run.tbt)}  (benchmark index ${run.benchmarkIndex})`,
        );
      } finally {
        chrome.kill();
      }
    }
  }
  return results;
}

type Lhr = NonNullable<Awaited<ReturnType<typeof import("lighthouse").default>>>["lhr"];

function failingAudits(lhr: Lhr): PageRuns["failing"] {
  const failing: PageRuns["failing"] = {};
  for (const c of CATEGORIES) {
    const ids = (lhr.categories[c]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && a.score !== null && a.score < 1)
      .map((a) => `${a!.id}${a!.displayValue ? ` (${a!.displayValue})` : ""}`);
    if (ids.length) failing[c] = ids;
  }
  return failing;
}

/**
 * Why the simulated LCP is what it is. Lantern counts, for LCP, every request that finished before the
 * *observed* (unthrottled) LCP and every script evaluated before it: a page that paints only after its
 * scripts ran is charged their download and CPU time (hydration included) on slow 4G. So the note says, for
 * the unthrottled run, when the first frame was painted and when it was presented (FCP), which element was
 * the LCP (read from the trace: Lighthouse's own LCP-element audit fails with this Chromium), and how many
 * of the page's script files had been evaluated by then.
 */
export function lcpNote(lhr: Pick<Lhr, "audits">, artifacts: unknown): string {
  const m = (lhr.audits.metrics?.details as { items?: Record<string, number>[] } | undefined)?.items?.[0] ?? {};
  const events = (artifacts as { Trace?: { traceEvents?: TraceEvent[] } }).Trace?.traceEvents ?? [];
  const t0 = m.observedNavigationStartTs ?? 0;
  const lcpTs = t0 + (m.observedLargestContentfulPaint ?? 0) * 1000;
  const at = (e: TraceEvent) => Math.round((e.ts - t0) / 1000);
  const after = events.filter((e) => e.ts >= t0);
  const nav = after.find((e) => e.name === "navigationStart" && e.args?.data?.documentLoaderURL?.startsWith("http"));
  const firstPaint = after.find(
    (e) => e.name === "Paint" && e.args?.data?.nodeName === "#document" && e.pid === nav?.pid && e.tid === nav?.tid,
  );
  const candidates = after.filter((e) => e.name === "largestContentfulPaint::Candidate");
  const lcp = candidates[candidates.length - 1]?.args?.data;
  // Files only: inline scripts (the RSC payload) are part of the document, which Lantern always counts.
  const firstEvaluation = new Map<string, number>();
  for (const e of after)
    if (e.name === "EvaluateScript" && e.args?.data?.url && e.args.data.url !== nav?.args?.data?.documentLoaderURL)
      if (!firstEvaluation.has(e.args.data.url)) firstEvaluation.set(e.args.data.url, e.ts);
  const evaluated = [...firstEvaluation.values()];
  const before = evaluated.filter((ts) => ts <= lcpTs).length;
  const firstScript = evaluated.length ? Math.round((Math.min(...evaluated) - t0) / 1000) : "?";
  return (
    `first frame painted at ${firstPaint ? at(firstPaint) : "?"} ms, presented (FCP) at ${m.observedFirstContentfulPaint} ms, ` +
    `LCP ${m.observedLargestContentfulPaint} ms${lcp ? ` (${lcp.nodeName}, ${lcp.type})` : ""}; ` +
    `${before} of ${evaluated.length} script files evaluated before LCP, the first at ${firstScript} ms (unthrottled)`
  );
}

interface TraceEvent {
  name: string;
  ts: number;
  dur?: number;
  pid?: number;
  tid?: number;
  args?: { data?: { url?: string; nodeName?: string; type?: string; documentLoaderURL?: string } };
}

const slug = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60) || "home";
const pad = (n: number) => String(n).padStart(3);
const ms = (n: number) => `${Math.round(n)} ms`.padStart(8);

/** Report lines: per page best and median of each figure, and the same-round difference to the bare page. */
export function formatSummary(s: PageSummary): string[] {
  const fmt = (f: Figure | Category, v: number) =>
    f === "cls"
      ? v.toFixed(3)
      : f === "performance" || (CATEGORIES as readonly string[]).includes(f)
        ? String(Math.round(v))
        : `${Math.round(v)} ms`;
  const signed = (f: Figure, v: number) => (v >= 0 ? "+" : "") + fmt(f, v);
  const lines = [
    `lighthouse ${s.label} (${s.rounds} rounds, benchmark index median ${Math.round(s.median.benchmarkIndex)}):`,
    "    " + FIGURES.map((f) => `${f.toUpperCase()} ${fmt(f, s.median[f])} (best ${fmt(f, s.best[f])})`).join(", "),
    `    accessibility ${s.median.accessibility}, best-practices ${s.median["best-practices"]}, seo ${s.median.seo}`,
  ];
  if (s.vsBare)
    lines.push(
      "    vs bare page, same rounds (median): " +
        FIGURES.map((f) => `${f.toUpperCase()} ${signed(f, s.vsBare![f])}`).join(", ") +
        " — targets LCP ≤ +400 ms, TBT ≤ +50 ms, performance ≥ −2",
    );
  return lines;
}

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
  const bareUrl = process.argv[3];
  const paths = await defaultLighthousePaths(baseUrl);
  await firstLoadJs({ baseUrl, paths });
  const pages = paths.map((p) => ({ label: p, url: new URL(p, baseUrl).href }));
  if (bareUrl) pages.unshift({ label: "bare Next.js page", url: bareUrl });
  const runs = await runLighthouseRounds({ pages });
  for (const r of runs) for (const l of formatSummary(summarise(r, bareUrl ? runs[0] : undefined))) console.log(l);
}
