import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { checkFile } from "./check-file";
import type { CheckAnswer, CheckTask } from "./check-worker";
import type { FileResult } from "./file-result";
import { nameOfPath, type FsPath } from "./inputs/path-name";

/** All the cores the machine gives this process. */
export const allCores = (): number => (typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);

/** Below this many files, starting workers (each loads ExcelJS anew) costs more than it saves. */
export const WORKER_MIN_FILES = 32;

// Two tasks per worker: the next file is already there when one is done, and no more than two
// workbooks per worker are ever open or queued.
const PER_WORKER = 2;
// Results that finished ahead of an earlier, slower file wait to be written in order; at most
// this many per worker are held, so memory stays bounded whatever the batch's size.
const AHEAD_PER_WORKER = 4;

/** The compiled worker beside this module; absent when running from the TypeScript sources (tests). */
export function workerScript(): string | null {
  const p = path.join(__dirname, "check-worker.js");
  return fs.existsSync(p) ? p : null;
}

export interface BatchOptions {
  profile: string | undefined;
  /** Threads that check files: this one and jobs − 1 workers; 1 checks them all in this thread. */
  jobs: number;
}

/** What a file's entry says when the thread checking it died. */
function crashMessage(e: unknown): string {
  const code = (e as { code?: string } | undefined)?.code;
  if (code === "ERR_WORKER_OUT_OF_MEMORY") return "文件过大，校验时内存不足，未能校验。请检查文件是否只含自评表，或单独校验该文件。";
  return "校验该文件时程序出错（内部错误），未能校验。请单独校验该文件，或把文件交给维护人员。";
}

/**
 * Checks files and hands each result to `onResult` in the order the files were given, whatever
 * order the threads finish in; `onResult` is awaited (a slow pipe holds the batch back rather
 * than piling results up). Workers return only reports: no workbook crosses threads.
 */
export async function checkBatch(
  files: FsPath[],
  opts: BatchOptions,
  onResult: (r: FileResult, index: number) => void | Promise<void>,
): Promise<void> {
  const script = workerScript();
  const jobs = Math.min(opts.jobs, files.length);
  if (jobs <= 1 || !script) {
    for (let i = 0; i < files.length; i++) await onResult(await checkFile(files[i], opts.profile), i);
    return;
  }

  interface Slot {
    worker: Worker;
    /** Task ids sent and not answered, oldest first (a worker takes them in order). */
    inflight: number[];
    failure?: unknown;
  }
  const results = new Map<number, FileResult>();
  const retry: number[] = [];
  const window = jobs * AHEAD_PER_WORKER;
  let dispatched = 0;
  let emitted = 0;
  let finished = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  /** The next file to check, if the window of results held ahead allows one. */
  const nextTask = (): number | null => {
    if (retry.length) return retry.shift()!;
    if (dispatched < files.length && dispatched < emitted + window) return dispatched++;
    return null;
  };

  // This thread checks files too, between writing results: it has loaded the reader already,
  // and each worker costs half a second of loading (ExcelJS) before its first file.
  let localBusy = false;
  const runLocal = (id: number) => {
    localBusy = true;
    checkFile(files[id], opts.profile)
      .catch((e: unknown) => ({ file: nameOfPath(files[id]).shown, error: crashMessage(e), sheets: [] }) as FileResult)
      .then((r) => {
        localBusy = false;
        results.set(id, r);
        fill();
        notify();
      });
  };

  const fill = () => {
    for (const slot of slots) {
      while (slot.inflight.length < PER_WORKER) {
        const id = nextTask();
        if (id === null) return;
        slot.inflight.push(id);
        slot.worker.postMessage({ id, file: files[id], profile: opts.profile } satisfies CheckTask);
      }
    }
    if (!localBusy && !finished) {
      const id = nextTask();
      if (id !== null) runLocal(id);
    }
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(script), inflight: [] };
    slot.worker.on("message", (m: CheckAnswer) => {
      slot.inflight = slot.inflight.filter((id) => id !== m.id);
      results.set(m.id, m.result);
      fill();
      notify();
    });
    slot.worker.on("error", (e) => (slot.failure = e));
    slot.worker.on("exit", () => {
      if (finished) return;
      // The file it was on failed; the one queued behind it goes to another thread.
      const [culprit, ...innocent] = slot.inflight;
      if (culprit !== undefined) results.set(culprit, { file: nameOfPath(files[culprit]).shown, error: crashMessage(slot.failure), sheets: [] });
      retry.push(...innocent);
      slots[slots.indexOf(slot)] = spawn();
      fill();
      notify();
    });
    return slot;
  };

  const slots: Slot[] = [];
  for (let i = 0; i < jobs - 1; i++) slots.push(spawn());
  try {
    fill();
    for (let i = 0; i < files.length; i++) {
      while (!results.has(i)) await new Promise<void>((resolve) => (wake = resolve));
      const r = results.get(i)!;
      results.delete(i);
      emitted = i + 1;
      fill();
      await onResult(r, i);
    }
  } finally {
    finished = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    // A file this thread was on when onResult failed: let it finish rather than leave it running.
    while (localBusy) await new Promise<void>((resolve) => (wake = resolve));
  }
}
