// `npm run bench` — the figures the issues set targets for, measured on the production build against the
// sandbox. Prints medians and ratios; nothing here asserts (speed is measured, not asserted).
//   BENCH_SKIP_BUILD=1   reuse the current .next build
//   BENCH_ONLY=a,b       run only some sections: sandbox, lighthouse, js, throughput, sync, fulfilment
//   BENCH_ORDERS=500     paid orders pushed in the fulfilment bench
//   BENCH_ROUNDS=3       Lighthouse rounds (each: the bare Next.js page and Tern's three pages, interleaved)
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { run, startStack, type Stack } from "../lib/processes";
import { runSandboxStartBench } from "./sandbox-start";
import { defaultLighthousePaths, firstLoadJs, formatSummary, runLighthouseRounds, summarise } from "./lighthouse";
import { startBarePage, type BarePage } from "./bare-page";
import { runThroughputBench } from "./throughput";
import { runCatalogueSyncBench } from "./catalogue-sync";
import { peakRss } from "./memory";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const wants = (section: string) => !only || only.includes(section);
const summary: string[] = [];
const line = (s: string) => {
  console.log(s);
  summary.push(s);
};
const serverUrl =
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

/** A throwaway database on the local server, so each bench starts empty. */
async function benchDatabase(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const { default: postgres } = await import("postgres");
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const name = `tern_bench_${randomBytes(4).toString("hex")}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end({ timeout: 5 });
      },
    };
  } catch (err) {
    console.warn(`[bench] no PostgreSQL at ${serverUrl} (${(err as Error).message}); using PGlite`);
    await admin.end({ timeout: 1 }).catch(() => {});
    return undefined;
  }
}

async function withStack<T>(options: Parameters<typeof startStack>[0], fn: (stack: Stack) => Promise<T>): Promise<T> {
  const stack = await startStack({ quiet: true, ...options });
  try {
    return await fn(stack);
  } finally {
    await stack.stop();
  }
}

if (wants("sandbox")) {
  const r = await runSandboxStartBench();
  line(`sandbox start: median ${r.medianMs} ms (runs ${r.runsMs.join(", ")}) — target < 2000 ms`);
}

if (["lighthouse", "js", "throughput", "fulfilment"].some(wants) && process.env.BENCH_SKIP_BUILD !== "1") {
  const code = await run(process.execPath, ["node_modules/next/dist/bin/next", "build"]);
  if (code !== 0) process.exit(code);
}

if (["lighthouse", "js", "throughput"].some(wants)) {
  const db = await benchDatabase();
  // The floor for the script and Lighthouse targets, built with this project's own next/react.
  const bare: BarePage | undefined = wants("lighthouse") || wants("js") ? await startBarePage() : undefined;
  try {
    await withStack({ databaseUrl: db?.url }, async (stack) => {
      const paths = await defaultLighthousePaths(stack.appUrl);
      if (wants("js") && bare) {
        const [floor] = await firstLoadJs({ baseUrl: bare.url, paths: ["/"], log: () => {} });
        line(`first-load JS bare Next.js page: ${floor!.gzipKb.toFixed(1)} kB gzip (${floor!.scripts.length} scripts)`);
        for (const r of await firstLoadJs({ baseUrl: stack.appUrl, paths, log: () => {} })) {
          const over = r.gzipKb - floor!.gzipKb;
          line(
            `first-load JS ${r.path}: ${r.gzipKb.toFixed(1)} kB gzip (${r.scripts.length} scripts; inline payload ${r.inlineGzipKb} kB gzip) — ${over >= 0 ? "+" : ""}${over.toFixed(1)} kB over the bare page, target ≤ +5 kB`,
          );
        }
      }
      if (wants("throughput")) {
        const r = await runThroughputBench({ baseUrl: stack.appUrl, pagePath: paths[1]! });
        line(
          `throughput ${r.pagePath}: ${r.pageRps} req/s vs /robots.txt ${r.robotsRps} req/s → ${(r.ratio * 100).toFixed(0)} % (median of 3 alternating rounds) — target ≥ 70 %`,
        );
      }
      if (wants("lighthouse") && bare) {
        const pages = [
          { label: "bare Next.js page", url: `${bare.url}/` },
          ...paths.map((p) => ({ label: p, url: new URL(p, stack.appUrl).href })),
        ];
        const runs = await runLighthouseRounds({ pages, rounds: Number(process.env.BENCH_ROUNDS ?? 3) });
        for (const r of runs) {
          for (const l of formatSummary(summarise(r, runs[0]))) line(l);
          if (r.lcpNote) line(`    last run: ${r.lcpNote}`);
          for (const [category, audits] of Object.entries(r.failing))
            line(`    ${category} below 1: ${audits.join(", ")}`);
        }
      }
    });
  } finally {
    await bare?.stop();
    await db?.drop();
  }
}

if (wants("sync")) {
  for (const r of await runCatalogueSyncBench({ log: () => {} })) {
    line(
      `catalogue sync (${r.kind}, ${r.bundles} bundles): median ${r.medianMs} ms, first ${r.firstRunMs} ms, re-sync median ${r.resyncMedianMs} ms — target ≤ ${r.targetMs} ms on PostgreSQL`,
    );
  }
}

if (wants("fulfilment")) {
  const { runFulfilmentBench } = await import("./fulfilment");
  const db = await benchDatabase();
  try {
    // The sandbox limit is off to measure our own throughput, so the client-side budget is off too.
    const unlimited = { sandboxEnv: { SANDBOX_ESIM_GO_RATE_LIMIT: "off" }, appEnv: { ESIM_GO_RATE_LIMIT: "0" } };
    await withStack({ databaseUrl: db?.url, ...unlimited }, async (stack) => {
      const memory = peakRss(stack.app.pid!);
      const r = await runFulfilmentBench({
        appUrl: stack.appUrl,
        sandboxUrl: stack.sandboxUrl,
        databaseUrl: db?.url,
        n: Number(process.env.BENCH_ORDERS ?? 500),
      });
      const peakMb = memory.stop();
      line(r.summary);
      line(`app peak RSS during fulfilment: ${peakMb.toFixed(0)} MB — target ≤ 400 MB`);
      // The same path one webhook at a time: latency without the queueing of the saturation run above.
      const light = await runFulfilmentBench({
        appUrl: stack.appUrl,
        sandboxUrl: stack.sandboxUrl,
        databaseUrl: db?.url,
        n: 40,
        concurrency: 1,
        log: () => {},
      });
      line(
        `fulfilment at light load (40 orders, 1 webhook in flight): latency median ${light.medianMs ?? "?"} ms, p99 ${light.p99Ms ?? "?"} ms`,
      );
    });
  } finally {
    await db?.drop();
  }
}

console.log("\n── summary ──");
for (const s of summary) console.log(s);
fs.mkdirSync("bench-results", { recursive: true });
fs.writeFileSync(`bench-results/${new Date().toISOString().replace(/[:.]/g, "-")}.txt`, summary.join("\n") + "\n");
