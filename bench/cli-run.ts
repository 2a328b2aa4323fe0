import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";

const BIN = path.join(__dirname, "..", "..", "lib", "src", "cli", "jxzp.js");

export interface Run {
  seconds: number;
  maxRssMb: number;
  /** User and system time of all the process's threads. */
  cpuSeconds: number;
  code: number | null;
}

/** GNU time reports a process with the children it waited for (the CLI's checking processes). */
const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/**
 * Runs a Node script as its own process, start to exit: peak memory and CPU time of it and of the
 * processes it started (with GNU time; without it, of the script's process alone).
 */
export function runNode(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const argv = [process.execPath, "-e", script, ...args];
    const p = TIME ? spawn(TIME, ["-f", "\nTIME %U %S %M", ...argv], { stdio: ["ignore", "ignore", "pipe"] }) : spawn(argv[0], argv.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (b: Buffer) => (err += b.toString("utf8")));
    p.on("error", reject);
    p.on("close", (code) => {
      const seconds = (performance.now() - t) / 1000;
      const g = /TIME ([\d.]+) ([\d.]+) (\d+)/.exec(err);
      if (g) return resolve({ seconds, cpuSeconds: Number(g[1]) + Number(g[2]), maxRssMb: Number(g[3]) / 1024, code: /exited with non-zero status (\d+)/.exec(err) ? Number(/exited with non-zero status (\d+)/.exec(err)![1]) : code });
      const m = /RSS (\d+) CPU (\d+)/.exec(err);
      if (!m) return reject(new Error(`子进程没有报告内存：${err.slice(0, 500)}`));
      resolve({ seconds, maxRssMb: Number(m[1]) / 1024, cpuSeconds: Number(m[2]) / 1e6, code });
    });
  });
}

export const REPORT = `const u = process.resourceUsage(); process.stderr.write("\\nRSS " + u.maxRSS + " CPU " + (u.userCPUTime + u.systemCPUTime) + "\\n");`;

/** The whole CLI process, with its checking processes. */
export function runCli(args: string[]): Promise<Run> {
  return runNode(`const { main } = require(${JSON.stringify(BIN)}); main(process.argv.slice(1)).then((code) => { process.exitCode = code; ${REPORT} });`, args);
}
