export class CatalogueSyncError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CatalogueSyncError";
  }
}

const failedProvider = new WeakMap<object, string>();

export function blameProvider(err: unknown, provider: string): void {
  if (err && typeof err === "object" && !failedProvider.has(err)) failedProvider.set(err, provider);
}

export function blamedProvider(err: unknown): string | undefined {
  return err && typeof err === "object" ? failedProvider.get(err) : undefined;
}
