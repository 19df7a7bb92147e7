import { env } from "@/lib/env";
import { requestJson, request, type HttpClientConfig } from "../http";
import { rateBudgetFor, type RatePriority } from "../rate-budget";

interface EsimGoCountry {
  name: string;
  region: string;
  iso: string;
  networks?: { name?: string; brandName?: string; speeds?: string[] }[];
}

export interface EsimGoBundle {
  name: string;
  description?: string;
  groups?: string[];
  countries?: EsimGoCountry[];
  dataAmount?: number;
  duration?: number;
  speed?: string[] | null;
  autostart?: boolean;
  unlimited?: boolean;
  roamingEnabled?: EsimGoCountry[] | null;
  imageUrl?: string;
  price?: number;
  billingType?: string;
}

interface EsimGoCataloguePage {
  bundles: EsimGoBundle[];
  pageCount: number;
  rows: number;
  pageSize: number;
}

interface EsimGoOrderItemInput {
  type: "bundle";
  quantity: number;
  item: string;
  iccids?: string[];
  allowReassign?: boolean;
}

interface EsimGoEsimRef {
  iccid: string;
  matchingId: string;
  smdpAddress: string;
}

export interface EsimGoOrder {
  order: {
    type: string;
    item: string;
    quantity: number;
    subTotal: number;
    pricePerUnit: number;
    esims?: EsimGoEsimRef[];
    iccids?: string[];
    allowReassign?: boolean;
  }[];
  total: number;
  currency: string;
  valid?: boolean;
  status?: string;
  statusMessage?: string;
  orderReference?: string;
  createdDate?: string;
  createDate?: string;
  assigned?: boolean;
}

interface EsimGoAssignment {
  iccid: string;
  matchingId: string;
  smdpAddress: string;
  profileStatus?: string;
  pin?: string;
  puk?: string;
  firstInstalledDateTime?: string | number;
  appleInstallUrl?: string;
}

interface EsimGoEsim extends EsimGoAssignment {
  customerRef?: string;
}

interface EsimGoBundleAssignment {
  id: string;
  assignmentReference: string;
  callTypeGroup?: string;
  initialQuantity: number;
  remainingQuantity: number;
  assignmentDateTime?: string;
  bundleState: string;
  unlimited?: boolean;
}

interface EsimGoEsimBundle {
  name: string;
  description?: string;
  assignments: EsimGoBundleAssignment[];
}

interface EsimGoOrganisation {
  name?: string;
  currency?: string;
  balance?: number;
  organisations?: { balance?: number; currency?: string }[];
}

interface EsimGoClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  ratePerSecond?: number;
}

const VALIDATE_BUDGET_WAIT_MS = 2000;

/** 80 % of the limit over a window 10 % longer than eSIM Go's; validations get half of that. */
export function esimGoBudget(baseUrl: string, perSecond: number) {
  const limit = Math.max(1, Math.floor(perSecond * 0.8));
  return rateBudgetFor(`esim-go ${baseUrl} ${perSecond}`, {
    limit,
    windowMs: 1100,
    validateLimit: Math.max(1, Math.floor(limit / 2)),
  });
}

export function createEsimGoClient(options: EsimGoClientOptions) {
  const config: HttpClientConfig = {
    provider: "esim-go",
    baseUrl: options.baseUrl,
    headers: { "x-api-key": options.apiKey },
    timeoutMs: options.timeoutMs ?? 15_000,
    errorMessage: (body) =>
      body && typeof body === "object" && "message" in body
        ? String((body as { message: unknown }).message)
        : undefined,
    budget: options.ratePerSecond ? esimGoBudget(options.baseUrl, options.ratePerSecond) : undefined,
  };

  return {
    async cataloguePage(params: {
      page: number;
      perPage: number;
      countries?: string;
      region?: string;
      group?: string;
      description?: string;
    }): Promise<EsimGoCataloguePage> {
      const body = await requestJson<EsimGoCataloguePage | EsimGoBundle[]>(config, "/catalogue", { query: params });
      // The v2.4 OpenAPI declares a bare array; live responses are wrapped.
      if (Array.isArray(body)) return { bundles: body, pageCount: 1, rows: body.length, pageSize: body.length };
      return body;
    },

    bundle(name: string): Promise<EsimGoBundle> {
      return requestJson(config, `/catalogue/bundle/${encodeURIComponent(name)}`);
    },

    createOrder(
      input: { type: "validate" | "transaction"; assign: boolean; order: EsimGoOrderItemInput[] },
      timeoutMs?: number,
    ): Promise<EsimGoOrder> {
      const validate = input.type === "validate";
      const priority: RatePriority = validate ? "validate" : "purchase";
      // While purchases fill the budget a validation waits at most two windows, and checkout sells on the
      // catalogue row: otherwise every checkout would queue behind the backlog of paid orders.
      const budgetWaitMs = validate ? VALIDATE_BUDGET_WAIT_MS : undefined;
      return requestJson(config, "/orders", { method: "POST", body: input, timeoutMs, priority, budgetWaitMs });
    },

    async listOrders(params: { from: Date; to: Date; page?: number; limit?: number }): Promise<EsimGoOrder[]> {
      const body = await requestJson<{ orders?: EsimGoOrder[] } | EsimGoOrder[]>(config, "/orders", {
        query: {
          page: params.page ?? 1,
          limit: params.limit ?? 100,
          includeIccids: true,
          createdAt: [`gte:${params.from.toISOString()}`, `lte:${params.to.toISOString()}`],
        },
      });
      return Array.isArray(body) ? body : (body.orders ?? []);
    },

    order(reference: string): Promise<EsimGoOrder> {
      return requestJson(config, `/orders/${encodeURIComponent(reference)}`);
    },

    async assignments(reference: string): Promise<EsimGoAssignment[]> {
      const body = await requestJson<EsimGoAssignment | EsimGoAssignment[]>(config, "/esims/assignments", {
        query: { reference },
        accept: "application/json",
      });
      // The docs show one object, public clients read an array: accept both.
      return Array.isArray(body) ? body : [body];
    },

    esim(iccid: string): Promise<EsimGoEsim> {
      return requestJson(config, `/esims/${encodeURIComponent(iccid)}`);
    },

    async esimBundles(
      iccid: string,
      params: { includeUsed?: boolean; limit?: number } = {},
    ): Promise<EsimGoEsimBundle[]> {
      const body = await requestJson<{ bundles?: EsimGoEsimBundle[] }>(
        config,
        `/esims/${encodeURIComponent(iccid)}/bundles`,
        { query: params },
      );
      return body.bundles ?? [];
    },

    async compatible(iccid: string, bundle: string): Promise<boolean> {
      const body = await requestJson<{ compatible?: boolean }>(
        config,
        `/esims/${encodeURIComponent(iccid)}/compatible/${encodeURIComponent(bundle)}`,
      );
      return body.compatible === true;
    },

    /** Takes the oldest unused assignment, else the latest (even a started one). */
    revokeBundle(iccid: string, bundle: string, refundToBalance: boolean): Promise<{ status?: string }> {
      return requestJson(config, `/esims/${encodeURIComponent(iccid)}/bundles/${encodeURIComponent(bundle)}`, {
        method: "DELETE",
        query: { type: "transaction", refundToBalance },
      });
    },

    async balance(): Promise<{ balance: number; currency: string }> {
      const body = await requestJson<EsimGoOrganisation>(config, "/organisation");
      // Flat per the schema; some clients read organisations[0].
      const org = body.organisations?.[0];
      return { balance: body.balance ?? org?.balance ?? 0, currency: body.currency ?? org?.currency ?? "USD" };
    },

    raw: (path: string, accept: string) => request(config, path, { accept }),
  };
}

export type EsimGoClient = ReturnType<typeof createEsimGoClient>;

export function esimGoClient(): EsimGoClient {
  const { baseUrl, apiKey } = env().esimGo;
  return createEsimGoClient({ baseUrl, apiKey, ratePerSecond: env().rateLimits.esimGoPerSecond });
}
