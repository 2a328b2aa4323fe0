/** The command as a person runs it: a separate process on the compiled CLI (built by `npm test`). */
import { spawnSync } from "child_process";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");
export const BIN = path.join(ROOT, "lib", "src", "cli", "jxzp.js");

/** Runs `jxzp ARGS…` from the project's folder; a batch's JSON may run to tens of megabytes. */
export function jxzp(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
