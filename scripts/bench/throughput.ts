// Requests/s of a catalogue page against the app's own static /robots.txt, measured in the same run so
// the ratio cancels out the machine.
import autocannon from "autocannon";

export interface ThroughputResult {
  path: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

async function measure(
  baseUrl: string,
  path: string,
  seconds: number,
  connections: number,
  headers: Record<string, string> = {},
): Promise<ThroughputResult> {
  const result = await autocannon({ url: baseUrl + path, connections, duration: seconds, pipelining: 1, headers });
  return {
    path,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/** Alternates the two paths `rounds` times and reports medians, so drift affects both alike. */
export async function runThroughputBench(options: {
  baseUrl: string;
  pagePath: string;
  rounds?: number;
  seconds?: number;
  connections?: number;
  /** Sent with the page's requests only, e.g. a visitor's currency cookie. */
  headers?: Record<string, string>;
}) {
  const { baseUrl, pagePath, rounds = 3, seconds = 5, connections = 20, headers } = options;
  // Warm both paths (first render, caches, JIT).
  await measure(baseUrl, pagePath, 2, connections, headers);
  await measure(baseUrl, "/robots.txt", 2, connections);
  const page: ThroughputResult[] = [];
  const robots: ThroughputResult[] = [];
  for (let i = 0; i < rounds; i++) {
    page.push(await measure(baseUrl, pagePath, seconds, connections, headers));
    robots.push(await measure(baseUrl, "/robots.txt", seconds, connections));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const pageRps = median(page.map((r) => r.requestsPerSecond));
  const robotsRps = median(robots.map((r) => r.requestsPerSecond));
  return { pagePath, pageRps, robotsRps, ratio: pageRps / robotsRps, page, robots };
}
