// PGlite serves one process: a second process opening the same data directory must be refused with a clear
// message instead of silently corrupting it; a lock left by a killed process must not block a restart.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, openDatabase } from "@/lib/db";

const children: ChildProcess[] = [];
const dirs: string[] = [];

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-lock-"));
  dirs.push(dir);
  return dir;
}

function holdInChild(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "hold-pglite.ts"), dir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (b: Buffer) => b.toString().includes("open") && resolve(child));
    child.once("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("PGlite single-process lock", () => {
  it("refuses a second process on the same data directory, naming the holder and the way out", async () => {
    const dir = tempDir();
    const holder = await holdInChild(dir);
    const err = await openDatabase({ dataDir: dir, migrate: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toContain(`process ${holder.pid}`);
    expect((err as Error).message).toContain("DATABASE_URL");
  }, 60_000);

  it("takes over the lock of a process killed with SIGKILL, and the data written before is intact", async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir, migrate: false });
    await first.db.execute("create table kept (v text)" as never);
    await first.db.execute("insert into kept values ('before the crash')" as never);
    await first.close();
    const holder = await holdInChild(dir);
    holder.kill("SIGKILL");
    await new Promise((r) => holder.once("exit", r));
    expect(fs.existsSync(path.join(dir, "tern.lock"))).toBe(true);
    const reopened = await openDatabase({ dataDir: dir, migrate: false });
    const res = (await reopened.db.execute("select v from kept" as never)) as unknown as { rows: { v: string }[] };
    expect(res.rows).toEqual([{ v: "before the crash" }]);
    await reopened.close();
    expect(fs.existsSync(path.join(dir, "tern.lock"))).toBe(false);
  }, 60_000);

  it("refuses a second open in the same process until the first is closed", async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir, migrate: false });
    await expect(openDatabase({ dataDir: dir, migrate: false })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();
    const second = await openDatabase({ dataDir: dir, migrate: false });
    await second.close();
  }, 60_000);
});
