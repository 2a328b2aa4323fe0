import { spawn } from "child_process";
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

/** The whole process, start to exit: the child reports its peak RSS (threads included) as it ends. */
export function runCli(args: string[]): Promise<Run> {
  const child = `
    const { main } = require(${JSON.stringify(BIN)});
    main(process.argv.slice(1)).then((code) => {
      process.exitCode = code;
      const u = process.resourceUsage();
      process.stderr.write("\\nRSS " + u.maxRSS + " CPU " + (u.userCPUTime + u.systemCPUTime) + "\\n");
    });`;
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(process.execPath, ["-e", child, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (b: Buffer) => (err += b.toString("utf8")));
    p.on("error", reject);
    p.on("close", (code) => {
      const m = /RSS (\d+) CPU (\d+)/.exec(err);
      if (!m) return reject(new Error(`子进程没有报告内存：${err.slice(0, 500)}`));
      resolve({ seconds: (performance.now() - t) / 1000, maxRssMb: Number(m[1]) / 1024, cpuSeconds: Number(m[2]) / 1e6, code });
    });
  });
}

