/** What a file's first bytes say it is: the container, before any reader opens it. */
export type Container =
  | "empty"
  | "zip"
  | "cfb"
  | "biff"
  | "pdf"
  | "rtf"
  | "html"
  | "xml"
  | "archive"
  | "image"
  | "text"
  | "unknown";

const startsWith = (b: Uint8Array, magic: number[], at = 0): boolean => magic.every((x, i) => b[at + i] === x);

/** The head of the file as text, without a byte-order mark or leading white space, lower-cased. */
function headText(b: Uint8Array): string {
  let s = "";
  const n = Math.min(b.length, 2048);
  // Two-byte text (UTF-16 LE with a BOM) is how Excel writes some HTML exports.
  if (b[0] === 0xff && b[1] === 0xfe) for (let i = 2; i + 1 < n; i += 2) s += String.fromCharCode(b[i] | (b[i + 1] << 8));
  else for (let i = 0; i < n; i++) s += String.fromCharCode(b[i]);
  return s.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, "").trimStart().toLowerCase();
}

/** Plain text: no NUL byte and no C0 control other than tab and line ends in the first 4 KiB. */
function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) {
    const x = b[i];
    if (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d) return false;
  }
  return n > 0;
}

/** A workbook stream without a container: a BOF record of BIFF2–4 (0x0009/0x0209/0x0409) or BIFF5/8 (0x0809) of a length they use. */
function isBiffBof(b: Uint8Array): boolean {
  if (b.length < 8 || b[0] !== 0x09 || ![0x00, 0x02, 0x04, 0x08].includes(b[1]) || b[3] !== 0) return false;
  return b[1] === 0x08 ? [6, 8, 16].includes(b[2]) : b[2] === 4 || b[2] === 6;
}

/** A Windows bitmap: `BM`, reserved bytes zero, and a known header size (two letters alone say little). */
function isBmp(b: Uint8Array): boolean {
  if (b.length < 18 || b[0] !== 0x42 || b[1] !== 0x4d || b[6] | b[7] | b[8] | b[9]) return false;
  const header = b[14] | (b[15] << 8) | (b[16] << 16) | (b[17] << 24);
  return [12, 40, 52, 56, 64, 108, 124].includes(header);
}

/** A TIFF (how scanners and fax software save a scanned form): `II*\0` or `MM\0*`. */
function isTiff(b: Uint8Array): boolean {
  return startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]);
}

export function sniffContainer(b: Uint8Array): Container {
  if (b.length === 0) return "empty";
  // Local file header, or the end record of an empty archive.
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "cfb";
  if (isBiffBof(b)) return "biff";
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf";
  if (startsWith(b, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return "rtf";
  if (startsWith(b, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]) || startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || startsWith(b, [0x1f, 0x8b]))
    return "archive";
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47]) || startsWith(b, [0xff, 0xd8, 0xff]) || startsWith(b, [0x47, 0x49, 0x46, 0x38]) || isBmp(b) || isTiff(b)) return "image";
  const head = headText(b);
  if (/^(<!doctype html|<html|<table|<meta|<head|<body)/.test(head) || (head.startsWith("<?xml") && head.includes("<html"))) return "html";
  if (head.startsWith("<?xml") || head.startsWith("<")) return "xml";
  if (looksLikeText(b)) return "text";
  return "unknown";
}

/** The file's extension, lower-cased, without the dot (`报告.DOCX` → `docx`). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const i = base.lastIndexOf(".");
  return i > 0 ? base.slice(i + 1).toLowerCase() : "";
}
