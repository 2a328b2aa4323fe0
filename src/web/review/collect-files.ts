import { compareFolderPaths, isSubmissionPath } from "../../cli/folder-rules";
import type { BatchFile } from "./batch-runner";

/** The path a chosen file has inside its chosen folder (`收文/表.xlsx`), or its name. */
function pathOf(f: File): string {
  const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath;
  return rel ? rel : f.name;
}

/**
 * What was chosen: the files, and the folder their names are relative to when one folder was
 * chosen (the HTML report says it, as the CLI's does; a browser does not tell the folder of
 * files chosen one by one).
 */
export interface Batch {
  files: BatchFile[];
  folder: string | null;
}

/** `收文/二月/表.xlsx` → `二月/表.xlsx`: one folder given, its files are named inside it, as the CLI names them (display-names.ts). */
const insideFolder = (f: BatchFile): BatchFile => ({ file: f.file, name: f.name.slice(f.name.indexOf("/") + 1) });

/**
 * Files from a file picker. Files chosen one by one are all checked, in the order given (as the
 * CLI checks the files it is named); a folder's files are filtered and ordered as `jxzp check 文件夹`
 * walks it (lock files and hidden files left out, only the formats it lists, pinyin order) and
 * named inside the folder, as the CLI names them.
 */
export function fromPicker(list: FileList | File[], folder: boolean): Batch {
  const files = Array.from(list).map((file) => ({ file, name: pathOf(file) }));
  if (!folder) return { files, folder: null };
  const top = files[0]?.name.split("/")[0] ?? null;
  return {
    files: files
      .filter((f) => isSubmissionPath(f.name))
      .sort((a, b) => compareFolderPaths(a.name, b.name))
      .map(insideFolder),
    folder: top,
  };
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
 * dropped loose are all checked. Order: what was dropped, each folder in pinyin order. Named as the
 * CLI names what it is given from one folder: one folder alone → its files inside it; several
 * items → each under its own name (`收文A/a.xlsx`, `表.xlsx`).
 */
export async function fromDrop(data: DataTransfer): Promise<Batch> {
  const items = Array.from(data.items ?? []).filter((i) => i.kind === "file");
  const entries = items.map((i) => (i as DataTransferItem & { webkitGetAsEntry?(): Entry | null }).webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null)) return { files: Array.from(data.files).map((file) => ({ file, name: file.name })), folder: null };
  const out: BatchFile[] = [];
  for (const e of entries) {
    const found: BatchFile[] = [];
    await walk(e!, found, false);
    if (e!.isDirectory) found.sort((a, b) => compareFolderPaths(a.name, b.name));
    out.push(...found);
  }
  const one = entries.length === 1 && entries[0]!.isDirectory;
  return { files: one ? out.map(insideFolder) : out, folder: one ? entries[0]!.name : null };
}
