/**
 * A zip file opened once: what kind of document it holds (by its parts, not its name) and the
 * text of a part. Office Open XML (.xlsx, .docx), OpenDocument and OFD are all zips.
 */
import JSZip from "jszip";
import { READ_LIMITS, ReadError } from "./read-error";
import { decodeXmlBytes } from "./xml-encoding";

export type ZipKind = "xlsx" | "xlsb" | "docx" | "pptx" | "ods" | "odt" | "ofd" | "office-unknown" | "plain";

export interface ZipPackage {
  kind: ZipKind;
  /** Part names as stored (no leading slash). */
  names: string[];
  has(name: string): boolean;
  /** A part's text, or null when the part is missing. */
  text(name: string): Promise<string | null>;
  /** The main part's path by the package's relationships (`xl/workbook.xml`, `word/document.xml`). */
  main: string | null;
}

/** The size a part says it unpacks to; JSZip keeps it from the zip's directory. */
function unpackedSize(entry: JSZip.JSZipObject): number {
  const data = (entry as unknown as { _data?: { uncompressedSize?: number } })._data;
  return typeof data?.uncompressedSize === "number" ? data.uncompressedSize : 0;
}

/** Each `<Relationship …>` tag, found by scanning once: a regular expression `<Relationship[^>]*>`
 * rescans to the end from every start when no `>` follows (20,000 unclosed tags: a minute). */
function* relationshipTags(rels: string): Generator<string> {
  for (let at = rels.indexOf("<Relationship"); at >= 0; ) {
    const end = rels.indexOf(">", at);
    if (end < 0) return;
    const tag = rels.slice(at, end + 1);
    if (/^<Relationship[\s/>]/.test(tag)) yield tag;
    at = rels.indexOf("<Relationship", end);
  }
}

function officeDocumentTarget(rels: string | null): string | null {
  if (!rels) return null;
  for (const tag of relationshipTags(rels)) {
    if (!/Type="[^"]*\/officeDocument"/.test(tag)) continue;
    const target = /Target="([^"]+)"/.exec(tag)?.[1];
    if (target) return target.replace(/^\.?\//, "");
  }
  return null;
}

/** Opens a zip. Throws ReadError `truncated` when it is damaged, `too-large` when it would unpack too big. */
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
  const names = entries.map((e) => e.name);
  const set = new Set(names);
  const text = async (name: string): Promise<string | null> => {
    const f = zip.file(name);
    if (!f) return null;
    let bytes: Uint8Array;
    try {
      bytes = await f.async("uint8array");
    } catch {
      throw new ReadError("truncated");
    }
    // Parts in UTF-16 (or another declared encoding) are read as written, not as broken UTF-8.
    return decodeXmlBytes(bytes);
  };
  const types = (await text("[Content_Types].xml")) ?? "";
  const main = officeDocumentTarget(await text("_rels/.rels"));
  let kind: ZipKind = "plain";
  if (set.has("xl/workbook.bin") || types.includes("sheet.binary.macroEnabled.main")) kind = "xlsb";
  else if (set.has("xl/workbook.xml") || /spreadsheetml\.sheet\.main|ms-excel\.sheet\.macroEnabled\.main|spreadsheetml\.template\.main/.test(types) || main?.startsWith("xl/"))
    kind = "xlsx";
  else if (set.has("word/document.xml") || /wordprocessingml\.document\.main|ms-word\.document\.macroEnabled\.main|wordprocessingml\.template\.main/.test(types) || main?.startsWith("word/"))
    kind = "docx";
  else if (set.has("ppt/presentation.xml") || types.includes("presentationml")) kind = "pptx";
  else if (set.has("mimetype")) {
    const mime = (await text("mimetype")) ?? "";
    if (mime.includes("opendocument.spreadsheet")) kind = "ods";
    else if (mime.includes("opendocument.text")) kind = "odt";
  } else if (set.has("OFD.xml")) kind = "ofd";
  else if (set.has("[Content_Types].xml")) kind = "office-unknown";
  return { kind, names, has: (n) => set.has(n), text, main };
}
