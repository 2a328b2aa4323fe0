/** The command as a person runs it: a separate process on the compiled CLI (built by `npm test`). */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");
export const BIN = path.join(ROOT, "lib", "src", "cli", "jxzp.js");

/** Runs `jxzp ARGS…` from the project's folder; a batch's JSON may run to tens of megabytes. */
export function jxzp(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** One `jxzp ARGS…` process within the attack bounds: a 512 MB heap, 60 s, its peak memory measured. */
export interface BoundedRun {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory in kilobytes (VmHWM), written by the test-only preload peak-rss.cjs. */
  peakKb: number;
  seconds: number;
}

export function runBounded(tmp: string, ...args: string[]): BoundedRun {
  const rss = path.join(tmp, `rss-${process.hrtime.bigint()}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--max-old-space-size=512", "-r", path.join(__dirname, "peak-rss.cjs"), BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, JXZP_PEAK_RSS_FILE: rss },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peakKb = fs.existsSync(rss) ? Number(fs.readFileSync(rss, "utf8")) : NaN;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, peakKb, seconds };
}

/** `jxzp check --json FILES` as its own process, within the same bounds. */
export function boundedCheck(files: string[], scratch: string): BoundedRun {
  return runBounded(scratch, "check", "--json", ...files);
}
