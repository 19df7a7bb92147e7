// On globalThis: Next bundles instrumentation and routes apart, and both must see one registry.
import type { JobKind } from "./lanes";
import type { JobHandler } from "./types";

const slot = globalThis as unknown as { __ternJobHandlers?: Map<string, JobHandler> };
const handlers = () => (slot.__ternJobHandlers ??= new Map());

export function registerJob(kind: JobKind, handler: JobHandler): void {
  handlers().set(kind, handler);
}

export function handlerFor(kind: string): JobHandler | undefined {
  return handlers().get(kind);
}
