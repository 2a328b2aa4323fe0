/**
 * Checks a batch of files in checkers (the CLI's child processes, the web page's workers) and
 * hands each result on in the files' order, whatever order the checkers finish in. A checker
 * that dies fails the file it was on and nothing else: the files queued behind it are checked
 * again. Results waiting for a slower earlier file are bounded, so memory stays bounded whatever
 * the batch's size. No transport here: the caller spawns checkers and carries the messages.
 */
import type { FileResult } from "./file-result";

/** Said for a file whose checker died on it, where nothing tells why. */
export const CHECKER_CRASHED = "校验该文件时程序出错（内部错误），未能校验。请单独校验该文件，或把文件交给维护人员。";

/** A checker as the batch sees it: it takes a file by its index in the batch. */
export interface Checker {
  send(id: number): void;
}

/** What a checker reports back; the caller calls these from its transport's events. */
export interface CheckerEvents {
  answered(id: number, result: FileResult): void;
  /** It died: the file it was on gets `failure(id)`; the ones queued behind it go to other checkers. */
  died(failure: (id: number) => FileResult): void;
}

/** A checker with the files sent to it and not answered, oldest first (it takes them in order). */
export interface CheckerSlot<C extends Checker> {
  checker: C;
  inflight: number[];
}

export interface OrderedBatch<C extends Checker> {
  /** How many files. */
  total: number;
  /** How many checkers at once. */
  checkers: number;
  /** Files in flight per checker: the next one is there when one is done. */
  perChecker: number;
  /** At most this many results are held ahead of the next one to hand on. */
  ahead: number;
  spawn(events: CheckerEvents): C;
  /** Once, at the end (done, stopped or failed), with the checkers then alive. */
  stop(slots: CheckerSlot<C>[]): void | Promise<void>;
  /** Stops the batch; the results handed on so far stand. */
  signal?: AbortSignal;
}

export async function runInOrder<C extends Checker>(
  batch: OrderedBatch<C>,
  onResult: (r: FileResult, index: number) => void | Promise<void>,
): Promise<void> {
  const results = new Map<number, FileResult>();
  const retry: number[] = [];
  const slots: CheckerSlot<C>[] = [];
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
    if (dispatched < batch.total && dispatched < emitted + batch.ahead) return dispatched++;
    return null;
  };

  const fill = () => {
    for (const slot of slots) {
      while (slot.inflight.length < batch.perChecker) {
        const id = nextTask();
        if (id === null) return;
        slot.inflight.push(id);
        slot.checker.send(id);
      }
    }
  };

  const start = (): CheckerSlot<C> => {
    const slot = { inflight: [] as number[] } as CheckerSlot<C>;
    slot.checker = batch.spawn({
      answered(id, result) {
        slot.inflight = slot.inflight.filter((x) => x !== id);
        results.set(id, result);
        fill();
        notify();
      },
      died(failure) {
        if (finished) return;
        const [culprit, ...innocent] = slot.inflight;
        slot.inflight = [];
        if (culprit !== undefined) results.set(culprit, failure(culprit));
        retry.push(...innocent);
        slots[slots.indexOf(slot)] = start();
        fill();
        notify();
      },
    });
    return slot;
  };

  for (let i = 0; i < batch.checkers; i++) slots.push(start());
  try {
    fill();
    for (let i = 0; i < batch.total; i++) {
      while (!results.has(i)) {
        if (batch.signal?.aborted) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
          batch.signal?.addEventListener("abort", () => resolve(), { once: true });
        });
      }
      const r = results.get(i)!;
      results.delete(i);
      emitted = i + 1;
      fill();
      await onResult(r, i);
    }
  } finally {
    finished = true;
    await batch.stop(slots);
  }
}
