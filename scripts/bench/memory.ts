// Peak resident memory and CPU time of a process and its descendants, read from /proc (Linux).
import fs from "node:fs";

function children(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function treeRssKb(pid: number): number {
  return rssKb(pid) + children(pid).reduce((sum, child) => sum + treeRssKb(child), 0);
}

/** Samples every 100 ms until `stop()`, which returns the peak in MB. */
export function peakRss(pid: number): { stop: () => number } {
  let peak = treeRssKb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssKb(pid));
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, treeRssKb(pid)) / 1024;
    },
  };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system, ms) of a process, its live descendants and the children it has reaped. */
export function treeCpuMs(pid: number): number {
  let ticks = 0;
  try {
    // Fields after the parenthesised command name (which may contain spaces): utime is the 12th.
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  } catch {
    return 0;
  }
  return ticks * TICK_MS + children(pid).reduce((sum, child) => sum + treeCpuMs(child), 0);
}
