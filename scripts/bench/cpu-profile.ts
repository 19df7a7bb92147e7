// A CPU profile of the app over one stretch of the bench, taken through the app's inspector (started with
// `--inspect=127.0.0.1:<port>`) rather than --cpu-prof, so start-up, migrations and the catalogue sync stay
// out of it. Summarised as self time by package / app file and by function.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { connectInspector } from "./inspector";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

export async function startCpuProfile(inspectorPort: number): Promise<{ stop: () => Promise<string[]> }> {
  const { send, close } = await connectInspector(inspectorPort);
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 500 });
  await send("Profiler.start");
  return {
    stop: async () => {
      const { profile } = await send<{ profile: Profile }>("Profiler.stop");
      close();
      return summariseProfile(profile);
    },
  };
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Per generated line, [column, source index] segments of a v3 source map (only what attribution needs). */
function decodeMap(map: { sources: string[]; mappings: string }): { sources: string[]; lines: number[][][] } {
  const lines: number[][][] = [];
  let source = 0;
  for (const line of map.mappings.split(";")) {
    const segments: number[][] = [];
    let column = 0;
    for (const seg of line.split(",")) {
      if (!seg) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0]!;
      if (values.length > 1) source += values[1]!;
      segments.push([column, source]);
    }
    lines.push(segments);
  }
  return { sources: map.sources, lines };
}

const maps = new Map<string, ReturnType<typeof decodeMap> | null>();

/** The original file of a position in a bundled chunk, from the chunk's .map beside it. */
function originalSource(url: string, line: number, column: number): string | null {
  if (!maps.has(url)) {
    try {
      maps.set(url, decodeMap(JSON.parse(fs.readFileSync(`${fileURLToPath(url)}.map`, "utf8"))));
    } catch {
      maps.set(url, null);
    }
  }
  const map = maps.get(url);
  const segments = map?.lines[line];
  if (!map || !segments?.length) return null;
  let best = segments[0]!;
  for (const seg of segments) if (seg[0]! <= column) best = seg;
  return map.sources[best[1]!]!.replace(/^(\.\.\/)+/, "").replace("%40", "@");
}

/** Where a frame's code lives: an npm package, an app file, Node itself, or V8's pseudo-frames. */
function owner(url: string, functionName: string, line = 0, column = 0): string {
  if (!url) return functionName || "(anonymous)";
  if (url.includes("/.next/")) {
    const source = originalSource(url, line, column);
    // Some packages map to their own TypeScript ("node_modules/src/…"): the chunk's name says which package.
    const chunkPackage = /node_modules_((?:@[^_]+_)?[^_]+)_/.exec(url)?.[1]?.replace("_", "/");
    if (source?.startsWith("node_modules/src/") && chunkPackage) return chunkPackage;
    if (source) return owner(source.startsWith("node_modules/") ? `/${source}` : source, functionName);
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) {
    // Next bundles its dependencies under next/dist/compiled: name them, not "next".
    const compiled = /next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    return compiled ? `next (compiled ${compiled[1]})` : pkg[1]!;
  }
  if (url.startsWith("node:")) return url;
  const chunk = /\.next\/(server\/.*)$/.exec(url);
  return chunk ? `app ${chunk[1]}` : url.replace(/^file:\/\//, "");
}

export function summariseProfile(profile: Profile, top = 12): string[] {
  const totalHits = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
  const ms = (profile.endTime - profile.startTime) / 1000;
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const o = owner(url, functionName, lineNumber, columnNumber);
    byOwner.set(o, (byOwner.get(o) ?? 0) + hits);
    const f = `${functionName || "(anonymous)"}${url ? ` (${o})` : ""}`;
    byFunction.set(f, (byFunction.get(f) ?? 0) + hits);
  }
  const fmt = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, h]) => `${((h / totalHits) * 100).toFixed(1)} % ${k}`)
      .join("; ");
  return [
    `profile (${(ms / 1000).toFixed(1)} s of the app's main thread, self time, (idle) = waiting on I/O) by code: ${fmt(byOwner)}`,
    `profile by function: ${fmt(byFunction)}`,
  ];
}
