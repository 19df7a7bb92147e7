// Throwaway PostgreSQL servers and PgBouncers for the reliability suite: each lives in its own temp dir on a
// free port and is removed afterwards, so a part may restart or starve it without touching a server it did
// not create. As root the binaries run as the `postgres` user (initdb refuses root; pgbouncer too).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { freePort, tempDir } from "./processes";

const asRoot = process.getuid?.() === 0;
const RUN_AS = "postgres";

/** The newest PostgreSQL server binaries on this machine, or null. */
export function postgresBinDir(): string | null {
  const fromConfig = (() => {
    try {
      return execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return null;
    }
  })();
  const candidates = [
    ...(fs.existsSync("/usr/lib/postgresql")
      ? fs
          .readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
    ...(fromConfig ? [fromConfig] : []),
  ];
  return (
    candidates.find((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) ?? null
  );
}

export function pgbouncerBinary(): string | null {
  for (const p of ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"])
    if (fs.existsSync(p)) return p;
  return null;
}

/** Runs a binary as ourselves, or as `postgres` when we are root. */
function asServerUser(binary: string, args: string[]): [string, string[]] {
  return asRoot ? ["runuser", ["-u", RUN_AS, "--", binary, ...args]] : [binary, args];
}

function exec(binary: string, args: string[]): string {
  const [cmd, argv] = asServerUser(binary, args);
  return execFileSync(cmd, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A directory the server user can write (a root-made temp dir is not). */
function ownedTempDir(prefix: string): string {
  const dir = tempDir(prefix);
  if (asRoot) execFileSync("chown", [RUN_AS, dir]);
  fs.chmodSync(dir, 0o700);
  return dir;
}

export interface Cluster {
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` — the maintenance database, to create others on. */
  url: string;
  dataDir: string;
  /** pg_ctl stop -m fast: every connection is dropped and new ones are refused. */
  stop: () => void;
  start: () => void;
  /** pg_ctl restart -m fast. */
  restart: () => void;
  /** Stops the server (immediate) and removes its directory. */
  remove: () => void;
}

/** initdb + pg_ctl start of a new cluster on a free port; throws with the reason when it cannot. */
export async function createCluster(): Promise<Cluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("no PostgreSQL server binaries (initdb, pg_ctl) on this machine");
  const root = ownedTempDir("tern-pg-");
  const dataDir = path.join(root, "data");
  const port = await freePort();
  exec(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  // A throwaway server: durability is not what is being tested, a restart's dropped connections are.
  fs.appendFileSync(
    path.join(dataDir, "postgresql.conf"),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${root}'`,
      `max_connections = 100`,
      `fsync = off`,
      `synchronous_commit = off`,
      `full_page_writes = off`,
      `shared_buffers = 32MB`,
      "",
    ].join("\n"),
  );
  const pgCtl = (...args: string[]) =>
    exec(path.join(bin, "pg_ctl"), ["-D", dataDir, "-l", path.join(root, "log"), ...args]);
  const cluster: Cluster = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    stop: () => void pgCtl("-w", "-m", "fast", "stop"),
    start: () => void pgCtl("-w", "-t", "60", "start"),
    restart: () => void pgCtl("-w", "-t", "60", "-m", "fast", "restart"),
    remove: () => {
      try {
        pgCtl("-w", "-m", "immediate", "stop");
      } catch {
        // already stopped
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    cluster.start();
  } catch (err) {
    const log = fs.existsSync(path.join(root, "log"))
      ? fs.readFileSync(path.join(root, "log"), "utf8").slice(-1500)
      : "";
    fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`pg_ctl start failed: ${(err as Error).message}\n${log}`);
  }
  return cluster;
}

export interface Pooler {
  port: number;
  /** `url` with its host and port replaced by the pooler's. */
  via: (url: string) => string;
  /** Server connections the pooler may open per database and user. */
  poolSize: number;
  stop: () => Promise<void>;
  /** For exit handlers: kills it at once and removes its directory. */
  killNow: () => void;
}

/**
 * A PgBouncer in transaction mode in front of the server at `serverUrl` (every database, as Supabase's pooler
 * serves one), with `poolSize` server connections per database — fewer than the app's pool asks for.
 */
export async function startPgBouncer(serverUrl: string, poolSize: number): Promise<Pooler> {
  const binary = pgbouncerBinary();
  if (!binary) throw new Error("pgbouncer is not installed (apt-get install -y pgbouncer)");
  const server = new URL(serverUrl);
  const dir = ownedTempDir("tern-pgbouncer-");
  const port = await freePort();
  const user = decodeURIComponent(server.username || "postgres");
  fs.writeFileSync(path.join(dir, "users.txt"), `"${user}" ""\n`);
  fs.writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=${server.hostname} port=${server.port || 5432}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "users.txt")}`,
      "pool_mode = transaction",
      `default_pool_size = ${poolSize}`,
      "min_pool_size = 0",
      "reserve_pool_size = 0",
      "max_client_conn = 1000",
      // Clients wait for a server connection rather than fail: Supabase's pooler queues the same way.
      "query_wait_timeout = 120",
      "ignore_startup_parameters = extra_float_digits,options,application_name",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      "",
    ].join("\n"),
  );
  if (asRoot) execFileSync("chown", ["-R", RUN_AS, dir]);
  // pgbouncer drops root itself (-u), so the child is pgbouncer and a signal reaches it directly.
  const ini = path.join(dir, "pgbouncer.ini");
  const child: ChildProcess = spawn(binary, asRoot ? ["-u", RUN_AS, ini] : [ini], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      const log = fs.existsSync(path.join(dir, "pgbouncer.log"))
        ? fs.readFileSync(path.join(dir, "pgbouncer.log"), "utf8").slice(-1000)
        : "";
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`pgbouncer did not start: ${stderr.slice(-500)} ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    poolSize,
    via: (url) => {
      const u = new URL(url);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    killNow: () => {
      child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", done);
        // SIGTERM: pgbouncer exits at once ("immediate shutdown").
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
