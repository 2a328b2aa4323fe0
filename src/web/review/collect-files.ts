import { compareFolderPaths, isSubmissionPath } from "../../cli/folder-rules";
import type { BatchFile } from "./batch-runner";

/** The path a chosen file has inside its chosen folder (`收文/表.xlsx`), or its name. */
function pathOf(f: File): string {
  const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath;
  return rel ? rel : f.name;
}

/**
 * Files from a file picker. Files chosen one by one are all checked, in the order given (as the
 * CLI checks the files it is named); a folder's files are filtered and ordered as `jxzp check 文件夹`
 * walks it (lock files and hidden files left out, only the formats it lists, pinyin order).
 */
export function fromPicker(list: FileList | File[], folder: boolean): BatchFile[] {
  const files = Array.from(list).map((file) => ({ file, name: pathOf(file) }));
  if (!folder) return files;
  return files.filter((f) => isSubmissionPath(f.name)).sort((a, b) => compareFolderPaths(a.name, b.name));
}

interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: Entry[]) => void, fail: (e: unknown) => void): void };
}

function entriesOf(dir: Entry): Promise<Entry[]> {
  const reader = dir.createReader!();
  const all: Entry[] = [];
  // readEntries gives a folder's entries in batches (100 in Chromium) until an empty one.
  return new Promise((resolve, reject) => {
    const more = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          more();
        }
      }, reject);
    more();
  });
}

async function walk(entry: Entry, out: BatchFile[], inFolder: boolean): Promise<void> {
  const path = entry.fullPath.replace(/^\//, "");
  if (entry.isFile) {
    if (inFolder && !isSubmissionPath(path)) return;
    const file = await new Promise<File>((resolve, reject) => entry.file!(resolve, reject));
    out.push({ file, name: path });
  } else if (entry.isDirectory) {
    for (const child of await entriesOf(entry)) await walk(child, out, true);
  }
}

/**
 * Files and folders dropped on the page: a dropped folder is walked as the CLI walks one; files
 * dropped loose are all checked. Order: what was dropped, each folder in pinyin order.
 */
export async function fromDrop(data: DataTransfer): Promise<BatchFile[]> {
  const items = Array.from(data.items ?? []).filter((i) => i.kind === "file");
  const entries = items.map((i) => (i as DataTransferItem & { webkitGetAsEntry?(): Entry | null }).webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null)) return Array.from(data.files).map((file) => ({ file, name: file.name }));
  const out: BatchFile[] = [];
  for (const e of entries) {
    const found: BatchFile[] = [];
    await walk(e!, found, false);
    if (e!.isDirectory) found.sort((a, b) => compareFolderPaths(a.name, b.name));
    out.push(...found);
  }
  return out;
}
