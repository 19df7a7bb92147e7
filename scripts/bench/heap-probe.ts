// `tsx scripts/bench/heap-probe.ts [outDir]` — what holds the production server's memory at rest. Starts the
// build (`next start`) and a sandbox as the bench does, on a throwaway PostgreSQL database, warms it up (pages,
// 70 paid orders), reads RSS after 20 s idle, then through the inspector: process.memoryUsage() before and after
// a full collection, V8's heap spaces, the files loaded (loaded.tsv) and a heap snapshot (rest.heapsnapshot).
import fs from "node:fs";
import path from "node:path";
import { connectInspector } from "./inspector";
import { createThrowawayDatabase, freePort, startStack } from "../lib/processes";
import { runOpenLoop } from "./fulfilment";
import { treeRssKb } from "./memory";

const out = process.argv[2] ?? "/tmp/heap-probe";
fs.mkdirSync(out, { recursive: true });
const serverUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const { default: postgres } = await import("postgres");

const db = await createThrowawayDatabase(serverUrl);
const sql = postgres(db.url, { max: 2, onnotice: () => {} });
const stats = postgres(serverUrl, { max: 1, onnotice: () => {} });
const inspectorPort = await freePort();
const stack = await startStack({
  quiet: true,
  databaseUrl: db.url,
  sandboxEnv: { SANDBOX_ESIM_GO_RATE_LIMIT: "off" },
  appEnv: { ESIM_GO_RATE_LIMIT: "0", TRUSTED_PROXY_HOPS: "1", NODE_OPTIONS: `--inspect=127.0.0.1:${inspectorPort}` },
});
const lines: string[] = [];
const say = (s: string) => {
  console.log(s);
  lines.push(s);
};
try {
  const pid = stack.app.pid!;
  say(`after start: ${(treeRssKb(pid) / 1024).toFixed(0)} MB`);
  const ctx = {
    appUrl: stack.appUrl,
    sandboxUrl: stack.sandboxUrl,
    appPid: pid,
    sandboxPid: stack.sandbox.pid!,
    sql,
    stats,
    dbName: new URL(db.url).pathname.slice(1),
    log: (s: string) => console.log(`[probe] ${s}`),
  };
  for (const p of ["/", "/destinations/japan", "/de", "/es/destinations/japan", "/help/install", "/sign-in"]) {
    const res = await fetch(new URL(p, stack.appUrl));
    await res.arrayBuffer();
  }
  say(`after pages: ${(treeRssKb(pid) / 1024).toFixed(0)} MB`);
  await runOpenLoop(ctx, 20, 10);
  await runOpenLoop(ctx, 50, 50);
  await sleep(20_000);
  say(`at rest (after 70 paid orders + pages, 20 s idle): ${(treeRssKb(pid) / 1024).toFixed(0)} MB`);

  const chunks: string[] = [];
  const { send, close } = await connectInspector(inspectorPort, (method, params) => {
    if (method === "HeapProfiler.addHeapSnapshotChunk") chunks.push((params as { chunk: string }).chunk);
  });
  const evaluate = async (expression: string) =>
    (await send<{ result: { value: unknown } }>("Runtime.evaluate", { expression, returnByValue: true })).result.value;
  const usage = `(() => { const m = process.memoryUsage(); return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v / 1048576)])); })()`;
  say(`memoryUsage before GC (MB): ${JSON.stringify(await evaluate(usage))}`);
  await send("HeapProfiler.enable");
  await send("HeapProfiler.collectGarbage");
  await sleep(1000);
  say(
    `memoryUsage after GC (MB): ${JSON.stringify(await evaluate(usage))}; RSS ${(treeRssKb(pid) / 1024).toFixed(0)} MB`,
  );
  const spaces = await evaluate(
    `JSON.stringify(process.getBuiltinModule("v8").getHeapSpaceStatistics().map(s => [s.space_name, Math.round(s.space_used_size/1048576), Math.round(s.physical_space_size/1048576)]))`,
  );
  say(`heap spaces [name, used MB, physical MB]: ${spaces}`);
  const files = (await evaluate(
    `JSON.stringify(Object.keys(process.getBuiltinModule("module")._cache).map(f => [f, (() => { try { return process.getBuiltinModule("fs").statSync(f).size } catch { return 0 } })()]))`,
  )) as string;
  const loaded = JSON.parse(files) as [string, number][];
  loaded.sort((a, b) => b[1] - a[1]);
  fs.writeFileSync(path.join(out, "loaded.tsv"), loaded.map(([f, s]) => `${s}\t${f}`).join("\n") + "\n");
  say(
    `require.cache: ${loaded.length} files, ${(loaded.reduce((s, [, n]) => s + n, 0) / 1048576).toFixed(1)} MB; .next chunks ${(loaded.filter(([f]) => f.includes("/.next/")).reduce((s, [, n]) => s + n, 0) / 1048576).toFixed(1)} MB`,
  );
  await send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  fs.writeFileSync(path.join(out, "rest.heapsnapshot"), chunks.join(""));
  say(`snapshot written to ${out}/rest.heapsnapshot`);
  close();
} finally {
  fs.writeFileSync(path.join(out, "summary.txt"), lines.join("\n") + "\n");
  await stack.stop();
  await sql.end({ timeout: 5 });
  await stats.end({ timeout: 5 });
  await db.drop();
}
