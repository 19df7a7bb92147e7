// Failures become one error type carrying what retries need: whether the outcome is unknown, the status,
// Retry-After.
import { recordProviderCall } from "@/lib/observability/metrics";
import { CircuitOpenError, providerCircuit } from "./circuit";
import type { RatePriority, RequestBudget } from "./rate-budget";

export type ProviderName = "esim-go" | "zendit";

type ProviderErrorKind =
  | "network"
  /** Sent, but no answer in time: the provider may have acted. */
  | "timeout"
  | "http";

export class ProviderError extends Error {
  constructor(
    readonly provider: ProviderName,
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterSeconds?: number,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = "ProviderError";
  }

  get outcomeUnknown(): boolean {
    return this.kind === "timeout";
  }
}

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
  priority?: RatePriority;
  /** How long the call may wait for the rate budget before it is given up unsent (default: as long as it takes). */
  budgetWaitMs?: number;
}

export interface HttpClientConfig {
  provider: ProviderName;
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
  errorMessage: (body: unknown) => string | undefined;
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
    // Never sent: safe to retry once the circuit lets a probe through.
    throw new ProviderUnavailableError(config.provider, err.message, err.retryAfterMs);
  }
  if (config.budget && !(await config.budget.acquire(options.priority ?? "purchase", options.budgetWaitMs))) {
    circuit.withdrawn(admitted);
    recordProviderCall(config.provider, method, path, "budget_busy", 0);
    throw new ProviderUnavailableError(config.provider, `${config.provider} rate budget is taken; not sent`, 1000);
  }
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
    // The body was cut off: the provider acted, we just could not read the answer.
    throw toTransportError(config.provider, options.method ?? "GET", path, err);
  }
}

function toTransportError(provider: ProviderName, method: string, path: string, err: unknown): ProviderError {
  const e = err as Error & { cause?: { code?: string } };
  const code = e.cause?.code ?? "";
  // Refused or unresolvable: the request never left us.
  const neverSent = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"].includes(code);
  const kind: ProviderErrorKind = neverSent ? "network" : "timeout";
  return new ProviderError(
    provider,
    kind,
    `${provider} ${method} ${path}: ${e.name === "TimeoutError" ? "timed out" : e.message}${code ? ` (${code})` : ""}`,
  );
}
