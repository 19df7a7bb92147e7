// Runs once when a server instance starts: migrate, load the catalogue on first start, start the timers.
// Serverless hosts get the same work from /api/cron/* instead of the timers.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  await startServer();
}
