// Everything passes through redaction first, so no call site can leak an email, token or LPA by accident.
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/env";
import { currentRequestId } from "./context";
import { redact, redactValue, safeError } from "./redact";

export type { Logger };

function options(level: string): pino.LoggerOptions {
  return {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: "msg",
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactValue(object) as Record<string, unknown>,
    },
    serializers: { err: (err: unknown) => safeError(err) },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    hooks: {
      logMethod(args, method) {
        const clean = args.map((a) => (typeof a === "string" ? redact(a) : a instanceof Error ? safeError(a) : a));
        return method.apply(this, clean as Parameters<typeof method>);
      },
    },
  };
}

export function createLogger(destination?: DestinationStream, level?: string): Logger {
  const lvl = level ?? env().observability.logLevel;
  const logger = destination ? pino(options(lvl), destination) : pino(options(lvl));
  // pino applies formatters.bindings to the root only; children inherit this override.
  const child = logger.child as Logger["child"];
  logger.child = function (this: Logger, bindings, childOptions) {
    return child.call(this, redactValue(bindings) as typeof bindings, childOptions);
  } as Logger["child"];
  return logger;
}

const slot = globalThis as unknown as { __ternLogger?: Logger };

export const log: Logger = new Proxy({} as Logger, {
  get(_target, prop) {
    slot.__ternLogger ??= createLogger();
    const value = Reflect.get(slot.__ternLogger, prop, slot.__ternLogger) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(slot.__ternLogger) : value;
  },
});
