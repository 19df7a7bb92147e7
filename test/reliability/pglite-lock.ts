// PGlite, black box: a second `next start` on the same DATA_DIR must be refused with a clear message and
// exit, while the first instance keeps serving.
import { startStack } from "@/scripts/lib/processes";
import { expect, type Part } from "./harness";

export async function pgliteLock(): Promise<Part> {
  const part: Part = { name: "PGlite: second process on the same data dir", ok: true, figures: {}, failures: [] };
  const stack = await startStack({ quiet: true });
  try {
    const second = await stack.startApp({}, { wait: false });
    const exit = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => resolve("still running after 90 s"), 90_000);
      second.child.once("exit", (code, signal) => {
        clearTimeout(timer);
        resolve(code ?? String(signal));
      });
    });
    const message = /already open in process \d+[^"\n]*/.exec(second.output())?.[0];
    const first = await fetch(`${stack.appUrl}/api/health/ready`);
    Object.assign(part.figures, {
      secondExit: exit,
      message: message ? `"${message.slice(0, 60)}…"` : "none",
      firstReady: first.status,
    });
    expect(part, typeof exit === "number" && exit !== 0, `the second process did not exit with an error (${exit})`);
    expect(part, Boolean(message), "no clear message naming the holder");
    expect(part, first.status === 200, `the first instance answered ${first.status} to /api/health/ready`);
  } finally {
    await stack.stop();
  }
  return part;
}
