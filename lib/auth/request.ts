// Kept for existing importers; the client address lives in lib/http/client-ip.ts.
export { clientIpFrom, requestMeta } from "@/lib/http/client-ip";
