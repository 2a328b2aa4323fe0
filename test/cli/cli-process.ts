/** The command as a person runs it: a separate process on the compiled CLI (built by `npm test`). */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");
export const BIN = path.join(ROOT, "lib", "src", "cli", "jxzp.js");

/** Runs `jxzp ARGS…` from the project's folder; a batch's JSON may run to tens of megabytes. */
export function jxzp(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The bounds every hostile input is held to (issue 17): a minute and 500 MB of resident memory. */
export const BOUNDS = { seconds: 60, megabytes: 500 };

export interface BoundedRun {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory in kilobytes (VmHWM), written by the test-only preload peak-rss.cjs. */
  peakKb: number;
  seconds: number;
}

export interface BoundedOptions {
  cwd?: string;
  /** A file descriptor for the process's stdout (`/dev/full`), instead of a pipe. */
  stdoutFd?: number;
  /** Arguments as bytes, through a shell (`printf`): names no JavaScript string can carry. */
  shellArgs?: string;
}

/**
 * Runs `jxzp ARGS…` as its own process within BOUNDS: killed after 60 s, a V8 heap of 512 MB,
 * its peak resident memory measured.
 */
export function jxzpBounded(args: string[], opts: BoundedOptions = {}): BoundedRun {
  const rss = path.join(os.tmpdir(), `jxzp-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const node = [process.execPath, "--max-old-space-size=512", "-r", path.join(__dirname, "peak-rss.cjs"), BIN];
  const start = process.hrtime.bigint();
  const quoted = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const r = opts.shellArgs
    ? spawnSync("/bin/sh", ["-c", `exec ${[...node, ...args].map(quoted).join(" ")} ${opts.shellArgs}`], spawnOptions())
    : spawnSync(node[0], [...node.slice(1), ...args], spawnOptions());
  function spawnOptions() {
    return {
      cwd: opts.cwd ?? ROOT,
      encoding: "utf8" as const,
      timeout: BOUNDS.seconds * 1000,
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, JXZP_PEAK_RSS_FILE: rss },
      ...(opts.stdoutFd !== undefined ? { stdio: ["ignore", opts.stdoutFd, "pipe"] as ["ignore", number, "pipe"] } : {}),
    };
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peakKb = fs.existsSync(rss) ? Number(fs.readFileSync(rss, "utf8")) : NaN;
  fs.rmSync(rss, { force: true });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "", peakKb, seconds };
}

/** `jxzp ARGS…` within the bounds (the scratch folder is no longer needed: the memory figure goes to the system's temporary folder). */
export function runBounded(_scratch: string, ...args: string[]): BoundedRun {
  return jxzpBounded(args);
}

/** `jxzp check --json FILES` as its own process, within the same bounds. */
export function boundedCheck(files: string[], scratch: string): BoundedRun {
  return runBounded(scratch, "check", "--json", ...files);
}
