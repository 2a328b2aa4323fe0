import type { FileResult } from "../../cli/file-result";
import { CHECKER_CRASHED, runInOrder, type Checker } from "../../cli/ordered-batch";
import type { CheckReply, CheckRequest } from "../worker/messages";

/** A file of the batch: the handle the worker reads, and the name (path in the folder) the outputs show. */
export interface BatchFile {
  file: Blob;
  name: string;
}

export interface BatchProgress {
  done: number;
  total: number;
}

/** Files in flight per worker: the next one is there when one is done, and few are held at once. */
const PER_WORKER = 2;

/** The worker's script, carried inline by the page as base64 text, as a Blob URL (what file:// allows). */
export function inlineWorkerUrl(): string {
  const el = document.getElementById("jxzp-worker");
  const text = (el?.textContent ?? "").replace(/\s+/g, "");
  if (!text) throw new Error("页面中缺少校验程序（工作线程），请重新获取完整的网页文件。");
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
}

/** Workers for this machine: one core is left to the page, at most four (memory). */
export function workerCount(): number {
  const cores = typeof navigator !== "undefined" && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(4, cores - 1));
}

/**
 * Checks files in workers and hands each result to `onResult` in the files' order, whatever order
 * the workers finish in; the page thread only dispatches and collects, so it never freezes. A
 * file that kills its worker gets the CLI's crash message and the batch goes on. `signal` stops
 * the batch (the results so far stand).
 */
export async function runBatch(
  files: BatchFile[],
  options: { url: string; workers: number; signal?: AbortSignal },
  onResult: (r: FileResult, index: number) => void,
  onProgress: (p: BatchProgress) => void,
): Promise<void> {
  const request = (worker: Worker, id: number) => worker.postMessage({ id, file: files[id].file, name: files[id].name } satisfies CheckRequest);
  await runInOrder<Checker & { worker: Worker }>(
    {
      total: files.length,
      checkers: Math.min(options.workers, files.length),
      perChecker: PER_WORKER,
      // At most a few hundred results wait for a slow earlier file: memory stays bounded.
      ahead: 64 * options.workers,
      spawn(events) {
        const worker = new Worker(options.url);
        worker.onmessage = (e: MessageEvent<CheckReply>) => events.answered(e.data.id, e.data.result);
        worker.onerror = (e) => {
          e.preventDefault();
          worker.terminate();
          events.died((id) => ({ file: files[id].name, error: CHECKER_CRASHED, sheets: [] }));
        };
        return { worker, send: (id) => request(worker, id) };
      },
      stop: (slots) => slots.forEach((s) => s.checker.worker.terminate()),
      signal: options.signal,
    },
    (r, i) => {
      onResult(r, i);
      onProgress({ done: i + 1, total: files.length });
    },
  );
}
