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

/** A run of `jxzp check --json` within the attack suite's bounds, as test/cli/attack-process.test.ts runs its files. */
export interface BoundedRun {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory (VmHWM), written by the test-only preload peak-rss.cjs. */
  peakKb: number;
  seconds: number;
}

/** `jxzp check --json FILES` as its own process: 60 s, a 512 MB V8 heap, its peak memory measured. */
export function boundedCheck(files: string[], scratch: string): BoundedRun {
  const rss = path.join(scratch, `rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--max-old-space-size=512", "-r", path.join(__dirname, "peak-rss.cjs"), BIN, "check", "--json", ...files], {
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
