import { parentPort } from "worker_threads";
import { checkFile } from "./check-file";
import type { FileResult } from "./file-result";
import { nameOfPath, type FsPath } from "./inputs/path-name";

/** A task from the batch: check one file. */
export interface CheckTask {
  id: number;
  /** A string, or the name's bytes (a name in GBK; a Uint8Array once it has crossed threads). */
  file: FsPath;
  profile: string | undefined;
}

/** The answer: the file's reports only; its workbook stays in this thread and is dropped. */
export interface CheckAnswer {
  id: number;
  result: FileResult;
}

// One file at a time, whatever the batch has queued here: two open workbooks would double the memory.
let queue: Promise<void> = Promise.resolve();

parentPort?.on("message", (task: CheckTask) => {
  queue = queue.then(async () => {
    const result = await checkFile(task.file, task.profile);
    try {
      parentPort!.postMessage({ id: task.id, result } satisfies CheckAnswer);
    } catch {
      // A report that cannot be copied to the main thread (it never should): say so for this file.
      parentPort!.postMessage({ id: task.id, result: { file: nameOfPath(task.file).shown, error: "校验结果无法传回（内部错误）。", sheets: [] } } satisfies CheckAnswer);
    }
  });
});
