// Zendit's request-level error body (`dto.ResponseError`): `{ errorCode, message, fields? }`.
import type { RequestContext } from "../core/router";
import { sendJson } from "../core/http";

export function zenditError(
  ctx: RequestContext,
  status: number,
  errorCode: string,
  message: string,
  fields?: Record<string, string>,
): void {
  sendJson(ctx.res, status, { errorCode, message, ...(fields ? { fields } : {}) });
}
