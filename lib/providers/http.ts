// A small JSON-over-HTTP helper for the providers without an SDK (eSIM Go, Zendit). Failures become one
// error type carrying what the retry logic needs: whether the outcome is unknown, the status, Retry-After.
// Every call passes the provider's circuit (lib/providers/circuit.ts) and is counted in /api/metrics.
import { recordProviderCall } from "@/lib/observability/metrics";
import { CircuitOpenError, providerCircuit } from "./circuit";
import type { RatePriority, RequestBudget } from "./rate-budget";

export type ProviderName = "esim-go" | "zendit";

type ProviderErrorKind =
  /** The request may never have reached the provider (DNS, refused connection). */
  | "network"
  /** Sent, but no answer arrived in time or the connection dropped: the provider may have acted. */
  | "timeout"
  /** The provider answered with a non-2xx status. */
  | "http";

export class ProviderError extends Error {
  constructor(
    readonly provider: ProviderName,
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status?: number,
    /** Seconds, from a Retry-After header. */
    readonly retryAfterSeconds?: number,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = "ProviderError";
  }

  /** True when the provider may have performed the request even though we got no answer. */
  get outcomeUnknown(): boolean {
    return this.kind === "timeout";
  }
}

/** Never sent: the provider's circuit is open. Waiting for it to close is no failure of the caller's own. */
export class ProviderUnavailableError extends ProviderError {
  constructor(
    provider: ProviderName,
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(provider, "network", message, undefined, Math.ceil(retryAfterMs / 1000));
    this.name = "ProviderUnavailableError";
  }
}

interface RequestOptions {
  method?: "GET" | "POST" | "DELETE" | "PUT";
  query?: Record<string, string | number | boolean | (string | number)[] | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
  accept?: string;
  /** Which share of the provider's rate budget this call draws on (default: purchase). */
  priority?: RatePriority;
}

export interface HttpClientConfig {
  provider: ProviderName;
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Pulls the human message out of the provider's error body. */
  errorMessage: (body: unknown) => string | undefined;
  /** The provider's rate limit, shared by this process's calls (lib/providers/rate-budget.ts). */
  budget?: RequestBudget;
}

function buildUrl(baseUrl: string, path: string, query?: RequestOptions["query"]): string {
  const url = new URL(baseUrl.replace(/\/$/, "") + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(v));
  }
  return url.toString();
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export async function request(config: HttpClientConfig, path: string, options: RequestOptions = {}): Promise<Response> {
  const url = buildUrl(config.baseUrl, path, options.query);
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const circuit = providerCircuit(config.provider);
  let admitted: { probe: boolean };
  try {
    admitted = circuit.admit();
  } catch (err) {
    if (!(err instanceof CircuitOpenError)) throw err;
    recordProviderCall(config.provider, method, path, "circuit_open", 0);
    // Never sent: safe to retry, and the job stays queued until the circuit lets a probe through.
    throw new ProviderUnavailableError(config.provider, err.message, err.retryAfterMs);
  }
  await config.budget?.acquire(options.priority ?? "purchase");
  const started = performance.now();
  const settle = (status: string, providerUnwell: boolean | null) => {
    recordProviderCall(config.provider, method, path, status, performance.now() - started);
    if (providerUnwell === null) circuit.succeeded(admitted);
    else if (providerUnwell) circuit.failed(admitted);
    else circuit.neutral(admitted);
  };
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        accept: options.accept ?? "application/json",
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...config.headers,
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? config.timeoutMs),
    });
  } catch (err) {
    const transport = toTransportError(config.provider, method, path, err);
    settle(transport.kind, true);
    throw transport;
  }
  settle(String(res.status), res.ok ? null : res.status >= 500 ? true : false);
  if (!res.ok) {
    const text = await res.text().catch(() => "");
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    const message = config.errorMessage(body) ?? (text.slice(0, 200) || res.statusText);
    const retryAfter = parseRetryAfter(res.headers.get("retry-after"));
    if (res.status === 429) config.budget?.pause((retryAfter ?? 1) * 1000);
    throw new ProviderError(
      config.provider,
      "http",
      `${config.provider} ${method} ${path} → ${res.status}: ${message}`,
      res.status,
      retryAfter,
      body,
    );
  }
  return res;
}

export async function requestJson<T>(config: HttpClientConfig, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await request(config, path, options);
  try {
    return (await res.json()) as T;
  } catch (err) {
    // The body was cut off mid-way: the provider acted, we just could not read the answer.
    throw toTransportError(config.provider, options.method ?? "GET", path, err);
  }
}

function toTransportError(provider: ProviderName, method: string, path: string, err: unknown): ProviderError {
  const e = err as Error & { cause?: { code?: string } };
  const code = e.cause?.code ?? "";
  // Refused or unresolvable: the request never left us, so it is safe to treat as not performed.
  const neverSent = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"].includes(code);
  const kind: ProviderErrorKind = neverSent ? "network" : "timeout";
  return new ProviderError(
    provider,
    kind,
    `${provider} ${method} ${path}: ${e.name === "TimeoutError" ? "timed out" : e.message}${code ? ` (${code})` : ""}`,
  );
}
