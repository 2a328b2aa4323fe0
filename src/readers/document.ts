/**
 * One entry for every format a reviewer receives: the bytes say what the file is (its name only
 * chooses the words of a message), and the matching reader turns it into grids. Anything that
 * cannot be read throws ReadError with a Chinese message saying what it is and what to do.
 */
import type { Grid } from "../scoring/grid/grid";
import { DocBlock, readDocx } from "./docx";
import { ReadError } from "./read-error";
import { extensionOf, sniffContainer } from "./sniff";
import { openCompoundFile } from "./compound-file";
import { readBiffStream, readXls } from "./xls";
import { readXlsx } from "./xlsx";
import { openZip, ZipPackage } from "./zip-package";

export type DocumentFormat = "xlsx" | "xls" | "docx";

export interface ReadOptions {
  /** How to open a zip: JSZip by default (works everywhere); the CLI passes Node's native `openZipNative`. */
  openZip?: (bytes: Uint8Array) => Promise<ZipPackage>;
}

export interface ReadDocument {
  format: DocumentFormat;
  /** One grid per worksheet, or per top-level table of a Word document. */
  grids: Grid[];
  /** A Word document's body in order (paragraphs and tables); absent for workbooks. */
  blocks?: DocBlock[];
  /** What was left out while reading (cells beyond the limits), in Chinese. */
  notes: string[];
}

async function readZipDocument(bytes: Uint8Array, ext: string, opts: ReadOptions): Promise<ReadDocument> {
  const pkg = await (opts.openZip ?? openZip)(bytes);
  switch (pkg.kind) {
    case "xlsx": {
      const x = await readXlsx(pkg);
      return { format: "xlsx", grids: x.grids, notes: x.notes };
    }
    case "docx": {
      const d = await readDocx(pkg);
      return { format: "docx", grids: d.grids, blocks: d.blocks, notes: d.notes };
    }
    case "xlsb":
      throw new ReadError("xlsb");
    case "pptx":
      throw new ReadError("ppt");
    case "ods":
      throw new ReadError("ods");
    case "odt":
      throw new ReadError("odt");
    case "ofd":
      throw new ReadError("ofd");
    case "office-unknown":
    case "plain":
      // A zip named as a workbook or a report is one whose parts are missing.
      if (/^xls[xm]$/.test(ext)) throw new ReadError("corrupt-xlsx", { what: "压缩包中没有工作簿内容" });
      if (/^doc[xm]$/.test(ext)) throw new ReadError("corrupt-docx", { what: "压缩包中没有文档正文" });
      throw new ReadError(pkg.kind === "plain" ? "zip" : "unknown");
  }
}

function readCompoundDocument(bytes: Uint8Array, ext: string): ReadDocument {
  // A container too damaged to list its streams: named as a workbook, it is called a damaged one.
  const file = openCompoundFile(bytes, /^(xls|xlt|et|ett)$/.test(ext) ? "corrupt-xls" : "truncated");
  // Office's encryption wraps an .xlsx or .docx in a compound file with these two streams.
  if (file.has("EncryptionInfo") || file.has("EncryptedPackage")) throw new ReadError("encrypted");
  // The BOF record inside says which version; `Book` may hold BIFF8 too.
  if (file.has("Workbook") || file.has("Book")) {
    const x = readXls(file);
    return { format: "xls", grids: x.grids, notes: x.notes };
  }
  if (file.has("WordDocument")) throw new ReadError(ext === "wps" || ext === "wpt" ? "wps" : "doc");
  if (file.has("PowerPoint Document")) throw new ReadError("ppt");
  if (ext === "et" || ext === "ett") throw new ReadError("et");
  if (ext === "wps" || ext === "wpt") throw new ReadError("wps");
  throw new ReadError("unknown");
}

function textProblem(bytes: Uint8Array): "xml-spreadsheet" | "word-xml" | "unknown" {
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 4096));
  if (head.includes("urn:schemas-microsoft-com:office:spreadsheet")) return "xml-spreadsheet";
  if (head.includes("schemas.microsoft.com/office/word/2003/wordml")) return "word-xml";
  return "unknown";
}

/** Reads a workbook or a Word report from its bytes; `name` only words the messages. */
export async function readDocument(data: Uint8Array | ArrayBuffer, name = "", opts: ReadOptions = {}): Promise<ReadDocument> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const ext = extensionOf(name);
  switch (sniffContainer(bytes)) {
    case "empty":
      throw new ReadError("empty");
    case "zip":
      return readZipDocument(bytes, ext, opts);
    case "cfb":
      return readCompoundDocument(bytes, ext);
    case "biff": {
      // A bare workbook stream: Excel 2.x–4.0 files, and a few writers' BIFF8 without a container.
      const x = readBiffStream(bytes);
      return { format: "xls", grids: x.grids, notes: x.notes };
    }
    case "pdf":
      throw new ReadError("pdf");
    case "rtf":
      throw new ReadError("rtf");
    case "html":
      throw new ReadError("html");
    case "xml": {
      const p = textProblem(bytes);
      throw new ReadError(p === "unknown" ? "text" : p);
    }
    case "archive":
      throw new ReadError("archive");
    case "image":
      throw new ReadError("image");
    case "text":
      throw new ReadError("text");
    case "unknown":
      throw new ReadError(ext === "et" || ext === "ett" ? "et" : ext === "wps" ? "wps" : "unknown");
  }
}
