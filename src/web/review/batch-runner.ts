import type { FileResult } from "../../cli/file-result";
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

/** Said for a file whose worker died on it (as the CLI says for a crashed thread). */
const CRASHED = "校验该文件时程序出错（内部错误），未能校验。请单独校验该文件，或把文件交给维护人员。";

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
  const results = new Map<number, FileResult>();
  let next = 0;
  let emitted = 0;
  let finished = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  interface Slot {
    worker: Worker;
    inflight: number[];
  }
  const slots: Slot[] = [];
  const send = (slot: Slot) => {
    // At most a few hundred results wait for a slow earlier file: memory stays bounded.
    while (slot.inflight.length < PER_WORKER && next < files.length && next < emitted + 64 * options.workers) {
      const id = next++;
      slot.inflight.push(id);
      slot.worker.postMessage({ id, file: files[id].file, name: files[id].name } satisfies CheckRequest);
    }
  };
  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(options.url), inflight: [] };
    slot.worker.onmessage = (e: MessageEvent<CheckReply>) => {
      slot.inflight = slot.inflight.filter((id) => id !== e.data.id);
      results.set(e.data.id, e.data.result);
      notify();
      send(slot);
    };
    slot.worker.onerror = (e) => {
      e.preventDefault();
      if (finished) return;
      // The file it was on fails; the one queued behind it is checked again by the new worker.
      const [culprit, ...innocent] = slot.inflight;
      if (culprit !== undefined) results.set(culprit, { file: files[culprit].name, error: CRASHED, sheets: [] });
      slot.worker.terminate();
      const fresh = spawn();
      slots[slots.indexOf(slot)] = fresh;
      for (const id of innocent) {
        fresh.inflight.push(id);
        fresh.worker.postMessage({ id, file: files[id].file, name: files[id].name } satisfies CheckRequest);
      }
      notify();
      send(fresh);
    };
    return slot;
  };

  for (let i = 0; i < Math.min(options.workers, files.length); i++) slots.push(spawn());
  try {
    slots.forEach(send);
    for (let i = 0; i < files.length; i++) {
      while (!results.has(i)) {
        if (options.signal?.aborted) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
          options.signal?.addEventListener("abort", () => resolve(), { once: true });
        });
      }
      const r = results.get(i)!;
      results.delete(i);
      emitted = i + 1;
      onResult(r, i);
      onProgress({ done: i + 1, total: files.length });
      slots.forEach(send);
    }
  } finally {
    finished = true;
    for (const s of slots) s.worker.terminate();
  }
}
