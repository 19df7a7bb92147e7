// A CPU profile of the app over one stretch of the bench, taken through the app's inspector (started with
// `--inspect=127.0.0.1:<port>`) rather than --cpu-prof, so start-up, migrations and the catalogue sync stay
// out of it. Summarised as self time by package / app file and by function.
import WebSocket from "ws";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

export async function startCpuProfile(inspectorPort: number): Promise<{ stop: () => Promise<string[]> }> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  let nextId = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const id = ++nextId;
      pending.set(id, (r) => resolve(r as T));
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 500 });
  await send("Profiler.start");
  return {
    stop: async () => {
      const { profile } = await send<{ profile: Profile }>("Profiler.stop");
      ws.close();
      return summariseProfile(profile);
    },
  };
}

/** Where a frame's code lives: an npm package, an app chunk, Node itself, or V8's pseudo-frames. */
function owner(url: string, functionName: string): string {
  if (!url) return functionName || "(anonymous)";
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
    const { functionName, url, lineNumber } = n.callFrame;
    const o = owner(url, functionName);
    byOwner.set(o, (byOwner.get(o) ?? 0) + hits);
    const f = `${functionName || "(anonymous)"} ${url ? `${o}:${lineNumber + 1}` : ""}`.trim();
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
