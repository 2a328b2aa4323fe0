/**
 * A checking process of the batch (forked by batch.ts): it checks the files it is sent, one at a
 * time, and sends back each file's reports. A file that kills it kills only it.
 */
import { checkLoaded, loadFile } from "./check-file";
import type { FileResult } from "./file-result";
import { nameOfPath, type FsPath } from "./inputs/path-name";

/** A task from the batch: check one file. */
export interface CheckTask {
  id: number;
  file: FsPath;
  profile: string | undefined;
}

/** The answer: the file's reports only; its workbook stays in this thread and is dropped. */
export interface CheckAnswer {
  id: number;
  result: FileResult;
}

// One file checked at a time, whatever the batch has queued here (two open workbooks would
// double the memory); the next one waits in the queue, so the process never waits for the batch.
let queue: Promise<void> = Promise.resolve();

process.on("message", (task: CheckTask) => {
  queue = queue.then(async () => {
    const result = await checkLoaded(loadFile(task.file), task.profile);
    try {
      process.send!({ id: task.id, result } satisfies CheckAnswer);
    } catch {
      // A report that cannot be copied to the main thread (it never should): say so for this file.
      process.send!({ id: task.id, result: { file: nameOfPath(task.file).shown, error: "校验结果无法传回（内部错误）。", sheets: [] } } satisfies CheckAnswer);
    }
  });
});

// The batch is over (or its process died): nothing more will come.
process.on("disconnect", () => process.exit(0));
