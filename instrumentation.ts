// Runs once when a server instance starts: migrate, load the catalogue on first start, start the timers.
// Serverless hosts get the same work from /api/cron/* instead of the timers.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request: rate limits must see the real TCP peer (lib/http/client-ip.ts).
  (await import("./lib/http/peer-address")).installPeerAddressHook();
  const { startServer } = await import("./lib/server-start");
  await startServer();
}
