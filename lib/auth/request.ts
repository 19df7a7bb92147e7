export { clientIpFrom, requestMeta } from "@/lib/http/client-ip";
