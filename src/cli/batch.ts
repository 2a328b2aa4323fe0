import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ChildProcess, fork } from "child_process";
import type { CheckAnswer, CheckTask } from "./check-worker";
import type { FileResult } from "./file-result";
import { CHECKER_CRASHED, runInOrder, type Checker } from "./ordered-batch";
import { nameOfPath, type FsPath } from "./inputs/path-name";

/** All the cores the machine gives this process. */
export const allCores = (): number => (typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);

/** From this many files on, the CLI checks with every core unless told otherwise. */
export const WORKER_MIN_FILES = 32;

// Two tasks per worker: the next file is read from disk while one is checked, and no more than
// two workbooks per worker are ever open or queued.
const PER_WORKER = 2;
// Results that finished ahead of an earlier, slower file wait to be written in order; at most
// this many per worker are held, so memory stays bounded whatever the batch's size.
const AHEAD_PER_WORKER = 4;

/** The compiled checking process's script beside this module; absent when running from the TypeScript sources (tests). */
export function workerScript(): string | null {
  const p = path.join(__dirname, "check-worker.js");
  return fs.existsSync(p) ? p : null;
}

export interface BatchOptions {
  profile: string | undefined;
  /** Processes that check files at once, capped at the cores there are (more only slow each other down). */
  jobs: number;
}

/** How many checking processes a batch runs: as asked, but no more than the cores or the files. */
export function checkersFor(jobs: number, files: number): number {
  return Math.max(1, Math.min(jobs, allCores(), files));
}

/**
 * The heap one checking process may use: a file that needs more fails alone as 内存不足 instead of
 * taking the machine's memory. `JXZP_WORKER_MEMORY_MB` sets it (the tests make it small).
 */
export function workerMemoryMb(threads: number): number {
  const set = Number(process.env.JXZP_WORKER_MEMORY_MB);
  if (Number.isInteger(set) && set >= 16) return set;
  return Math.max(512, Math.min(2048, Math.floor(os.totalmem() / 1048576 / (2 * threads))));
}

/** The modules this process was started with `-r`/`--require` to preload. */
function preloads(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if ((argv[i] === "-r" || argv[i] === "--require") && i + 1 < argv.length) out.push("--require", argv[++i]);
    else if (argv[i].startsWith("--require=")) out.push(argv[i]);
  }
  return out;
}

/** What a file's entry says when the process checking it died; V8 says "heap out of memory" on its way out. */
function crashMessage(stderr: string): string {
  if (/out of memory|heap limit|allocation failed/i.test(stderr)) return "文件过大，校验时内存不足，未能校验。请检查文件是否只含自评表，或单独校验该文件。";
  return CHECKER_CRASHED;
}

/**
 * Checks files and hands each result to `onResult` in the order the files were given, whatever
 * order the checkers finish in; `onResult` is awaited (a slow pipe holds the batch back rather
 * than piling results up). Every file is checked in a child process, never in this one: a file
 * that exhausts a checker's memory, or makes V8 itself give up (which would take a worker thread's
 * whole process with it), fails alone — its entry says so — and the batch goes on, while this
 * process writes the results as they come. Checkers return only reports: no workbook crosses.
 */
export async function checkBatch(
  files: FsPath[],
  opts: BatchOptions,
  onResult: (r: FileResult, index: number) => void | Promise<void>,
): Promise<void> {
  const script = workerScript();
  const threads = checkersFor(opts.jobs, files.length);
  if (!script || files.length === 0) {
    // Only the TypeScript sources run without the compiled worker: the tests of the command's outputs.
    const { checkFile } = await import("./check-file");
    for (let i = 0; i < files.length; i++) await onResult(await checkFile(files[i], opts.profile), i);
    return;
  }

  const memory = workerMemoryMb(threads);
  /** A checking process (the end of what it wrote to stderr, V8's last words when it dies, says why it died). */
  interface Process extends Checker {
    worker: ChildProcess;
  }
  await runInOrder<Process>(
    {
      total: files.length,
      checkers: threads,
      perChecker: PER_WORKER,
      ahead: threads * AHEAD_PER_WORKER,
      spawn(events) {
        // The checker's own heap bound, not this process's flags; preloads (-r) are passed on, so
        // that what is loaded into this process (the tests' memory meter) is loaded into each checker.
        const worker = fork(script, [], { execArgv: [...preloads(), `--max-old-space-size=${memory}`], serialization: "advanced", stdio: ["ignore", "ignore", "pipe", "ipc"] });
        let stderr = "";
        worker.stderr!.on("data", (b: Buffer) => (stderr = (stderr + b.toString("utf8")).slice(-2000)));
        worker.on("message", (m: CheckAnswer) => events.answered(m.id, m.result));
        // Sending to a checker that has just died fails; its exit puts the files back.
        worker.on("error", () => undefined);
        worker.on("exit", () => events.died((id) => ({ file: nameOfPath(files[id]).shown, error: crashMessage(stderr), sheets: [] })));
        return { worker, send: (id) => worker.send({ id, file: files[id], profile: opts.profile } satisfies CheckTask) };
      },
      stop: (slots) =>
        Promise.all(
          slots.map(
            ({ checker: { worker }, inflight }) =>
              new Promise<void>((resolve) => {
                if (worker.exitCode !== null || worker.signalCode !== null) return resolve();
                worker.once("exit", () => resolve());
                // An idle checker is let go (it ends itself, running its exit handlers); one still
                // on a file (the batch stopped early) is stopped.
                if (inflight.length === 0 && worker.connected) worker.disconnect();
                else worker.kill();
              }),
          ),
        ).then(() => undefined),
    },
    onResult,
  );
}
