/**
 * A zip file opened once: what kind of document it holds (by the content type of its main part,
 * not its name) and the text of a part. Office Open XML (.xlsx, .docx), OpenDocument and OFD are
 * all zips. Two ways to open one share everything here but the unpacking: JSZip (pure JavaScript,
 * for the browser; `openZip`) and Node's own zlib (`zip-native.ts`, for the CLI).
 */
import JSZip from "jszip";
import { READ_LIMITS, ReadError } from "./read-error";
import { nonUtf8Text } from "./xml-encoding";
import { scanXml, XmlAttributes } from "./xml-scan";
import { readZipDirectory } from "./zip-directory";

export type ZipKind = "xlsx" | "xlsb" | "docx" | "pptx" | "ods" | "odt" | "ofd" | "office-unknown" | "plain";

export interface ZipPackage {
  kind: ZipKind;
  /** Part names as a package names them: `/` between folders (a `\` some writers use is read as `/`), no leading slash. */
  names: string[];
  /** Whether the part exists; part names are compared without regard to case, as the package format says. */
  has(name: string): boolean;
  /** A part's text, or null when the part is missing. */
  text(name: string): Promise<string | null>;
  /** A part's unpacked bytes, or null when the part is missing (the .xlsx reader scans bytes). */
  bytes(name: string): Promise<Uint8Array | null>;
  /** The main part's path by the package's relationships (`xl/workbook.xml`, `word/document.xml`). */
  main: string | null;
}

/** What a way of opening a zip gives: its entries by stored name, and their unpacked bytes. */
export interface ZipEntries {
  names: string[];
  /** The unpacked bytes of an entry, by its stored name. Throws ReadError when they cannot be had. */
  bytes(stored: string): Promise<Uint8Array>;
}

/** A stored name as a part name: `xl\worksheets\sheet1.xml` and `/xl/…` both read `xl/worksheets/sheet1.xml`. */
export function partName(stored: string): string {
  return stored.replace(/\\/g, "/").replace(/^\/+/, "");
}

const utf8 = new TextDecoder("utf-8");

/** A part's bytes as text: UTF-8 as Office writes it, or the encoding its mark or declaration gives (xml-encoding.ts). */
export function partText(b: Uint8Array): string {
  const other = nonUtf8Text(b);
  if (other !== null) return other;
  // Node's Buffer decodes UTF-8 several times faster than TextDecoder (the CLI's parts are Buffers).
  const NodeBuffer = (globalThis as { Buffer?: { isBuffer(x: unknown): boolean } }).Buffer;
  if (NodeBuffer?.isBuffer(b)) {
    const s = (b as unknown as { toString(encoding: string): string }).toString("utf8");
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }
  // TextDecoder drops a UTF-8 byte-order mark itself.
  return utf8.decode(b);
}

/**
 * Reads a small package part with the XML scanner (linear, whatever the part holds: a pattern
 * such as `<Relationship[^>]*>` goes quadratic over a part of unclosed tags). A part that is not
 * XML tells nothing, as if it were missing.
 */
function scanLeniently(part: Uint8Array | null, open: (name: string, tag: XmlAttributes) => void): void {
  if (part === null) return;
  try {
    scanXml(part, "", { open });
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
  }
}

/** The main part's path, by the package relationship whose type ends in /officeDocument (Transitional and Strict alike). */
function officeDocumentTarget(rels: Uint8Array | null): string | null {
  let found: string | null = null;
  scanLeniently(rels, (name, tag) => {
    if (found !== null || name !== "Relationship" || !(tag.get("Type") ?? "").endsWith("/officeDocument")) return;
    const target = tag.get("Target");
    if (target) found = partName(target.replace(/^\.\//, ""));
  });
  return found;
}

interface ContentTypes {
  /** Content types by part name (lower-cased, without its leading slash). */
  overrides: Map<string, string>;
  /** Content types by extension (lower-cased). */
  defaults: Map<string, string>;
  /** Every content type named, in order (what the package promises, when its parts are missing). */
  named: string[];
}

function readContentTypes(types: Uint8Array | null): ContentTypes {
  const out: ContentTypes = { overrides: new Map(), defaults: new Map(), named: [] };
  scanLeniently(types, (name, tag) => {
    const type = tag.get("ContentType") ?? "";
    if (name === "Override" || name === "Default") out.named.push(type);
    if (name === "Override") {
      const part = tag.get("PartName");
      if (part !== undefined) out.overrides.set(partName(part).toLowerCase(), type);
    } else if (name === "Default") {
      const ext = tag.get("Extension");
      if (ext !== undefined) out.defaults.set(ext.toLowerCase(), type);
    }
  });
  return out;
}

/** The content type a package gives a part: its Override, else the Default for its extension. */
function contentTypeOf(types: ContentTypes, part: string): string {
  return types.overrides.get(part.toLowerCase()) ?? types.defaults.get(part.slice(part.lastIndexOf(".") + 1).toLowerCase()) ?? "";
}

/** The kind of document a main part's content type says it is, or null when it says none we know. */
function kindOfContentType(type: string): ZipKind | null {
  const t = type.toLowerCase();
  if (t.includes("sheet.binary.macroenabled.main")) return "xlsb";
  if (/spreadsheetml\.(sheet|template)\.main|ms-excel\.(sheet|template|addin)\.macroenabled(template)?\.main/.test(t)) return "xlsx";
  if (/wordprocessingml\.(document|template)\.main|ms-word\.(document|template)\.macroenabled(template)?\.main/.test(t)) return "docx";
  if (t.includes("presentationml")) return "pptx";
  return null;
}

/**
 * What the package holds, by its main part's own content type: a SheetJS-written .xlsx declares
 * `.bin` files as .xlsb's content type by default, which says nothing about its workbook part.
 * Without relationships or content types, the usual part names decide.
 */
export async function describePackage(entries: ZipEntries): Promise<ZipPackage> {
  const byKey = new Map<string, string>();
  const names: string[] = [];
  let duplicate: string | undefined;
  for (const stored of entries.names) {
    const name = partName(stored);
    const key = name.toLowerCase();
    // Two entries for one part (the same name, or names that differ only in case, which a package
    // treats as one): which is the part cannot be told, so the file is damaged, as Apache POI says too.
    if (byKey.has(key)) {
      duplicate ??= name;
      continue;
    }
    byKey.set(key, stored);
    names.push(name);
  }
  const has = (name: string) => byKey.has(partName(name).toLowerCase());
  const bytes = async (name: string): Promise<Uint8Array | null> => {
    const stored = byKey.get(partName(name).toLowerCase());
    return stored === undefined ? null : entries.bytes(stored);
  };
  const text = async (name: string): Promise<string | null> => {
    const b = await bytes(name);
    return b === null ? null : partText(b);
  };
  const types = readContentTypes(await bytes("[Content_Types].xml"));
  const target = officeDocumentTarget(await bytes("_rels/.rels"));
  const main = target !== null && has(target) ? names.find((n) => n.toLowerCase() === target.toLowerCase())! : null;
  let kind: ZipKind | null = main !== null ? kindOfContentType(contentTypeOf(types, main)) : null;
  if (kind === null) {
    if (has("xl/workbook.xml")) kind = "xlsx";
    else if (has("xl/workbook.bin")) kind = "xlsb";
    else if (has("word/document.xml")) kind = "docx";
    else if (has("ppt/presentation.xml")) kind = "pptx";
    else if (has("mimetype")) {
      const mime = (await text("mimetype")) ?? "";
      kind = mime.includes("opendocument.spreadsheet") ? "ods" : mime.includes("opendocument.text") ? "odt" : "plain";
    } else if (has("OFD.xml")) kind = "ofd";
    else if (has("[Content_Types].xml")) {
      // No main part to be had: what the content types promise names the message (a workbook
      // whose parts are missing). A `.bin` default alone promises nothing.
      const promised = types.named.map(kindOfContentType).filter((k) => k !== null && k !== "xlsb");
      kind = promised[0] ?? "office-unknown";
    }
    else kind = "plain";
  }
  if (duplicate !== undefined && (kind === "xlsx" || kind === "docx"))
    throw new ReadError(kind === "xlsx" ? "corrupt-xlsx" : "corrupt-docx", { what: `压缩包中有两个同名的部件 ${duplicate}` });
  return { kind, names, has, text, bytes, main };
}

/** The size a part says it unpacks to; JSZip keeps it from the zip's directory. */
function unpackedSize(entry: JSZip.JSZipObject): number {
  const data = (entry as unknown as { _data?: { uncompressedSize?: number } })._data;
  return typeof data?.uncompressedSize === "number" ? data.uncompressedSize : 0;
}

/**
 * Opens a zip with JSZip (pure JavaScript: the browser's way). Throws ReadError `truncated` when
 * it is damaged, `too-large` when it would unpack too big.
 */
export async function openZip(bytes: Uint8Array | ArrayBuffer): Promise<ZipPackage> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new ReadError("truncated");
  }
  const entries = Object.values(zip.files).filter((e) => !e.dir);
  const total = entries.reduce((s, e) => s + unpackedSize(e), 0);
  if (total > READ_LIMITS.unpackedMegabytes * 1024 * 1024) throw new ReadError("too-large");
  const byName = new Map(entries.map((e) => [e.name, e]));
  // JSZip keeps one of two entries of the same name; the directory itself lists both.
  let names = entries.map((e) => e.name);
  try {
    const listed = readZipDirectory(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).map((e) => e.name).filter((n) => byName.has(n));
    if (listed.length > names.length) names = listed;
  } catch {
    // JSZip read what the directory reader would not: its own list stands.
  }
  return describePackage({
    names,
    async bytes(stored) {
      try {
        return await byName.get(stored)!.async("uint8array");
      } catch {
        throw new ReadError("truncated");
      }
    },
  });
}
