/**
 * A file's path as the file system holds it, and its name as a person reads it. Linux keeps names
 * as bytes: a Chinese archive unpacked there often leaves names in GBK, which Node would turn into
 * U+FFFD if the folder were listed as strings, and the file could then no longer be opened. Such
 * names are kept as bytes for opening and decoded for showing.
 */
import { isUtf8 } from "buffer";
import * as path from "path";

/** What the file system is given: a string when the name is UTF-8, else the name's bytes. */
export type FsPath = string | Uint8Array;

/** How a name's bytes were turned into the text shown. */
export type NameEncoding = "utf-8" | "gbk" | "bytes";

export interface PathName {
  shown: string;
  /** The least readable encoding among the path's parts ("bytes": some could not be decoded). */
  encoding: NameEncoding;
}

const SLASH = 0x2f;

// GB 18030 decodes every GBK name (it is GBK's superset); absent from Node builds without full ICU.
let gbk: TextDecoder | null | undefined;
function gbkDecoder(): TextDecoder | null {
  if (gbk === undefined) {
    try {
      gbk = new TextDecoder("gb18030", { fatal: true });
    } catch {
      gbk = null;
    }
  }
  return gbk;
}

/** One part of a path (between slashes): UTF-8, else GBK, else its bytes written as \xNN. */
function decodePart(bytes: Uint8Array): { text: string; encoding: NameEncoding } {
  if (isUtf8(bytes)) return { text: Buffer.from(bytes).toString("utf8"), encoding: "utf-8" };
  const decoder = gbkDecoder();
  if (decoder) {
    try {
      return { text: decoder.decode(bytes), encoding: "gbk" };
    } catch {
      // Not GBK either.
    }
  }
  return { text: utf8WithEscapes(bytes), encoding: "bytes" };
}

/** How many bytes a UTF-8 character starting with this byte has; 0 for a byte that cannot start one. */
const sequenceLength = (b: number): number => (b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0);

/** The characters that are valid UTF-8 as themselves, every other byte as \xNN. */
function utf8WithEscapes(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes[i]);
    const piece = n ? bytes.subarray(i, i + n) : null;
    if (piece && piece.length === n && isUtf8(piece)) {
      text += Buffer.from(piece).toString("utf8");
      i += n;
    } else {
      text += `\\x${bytes[i].toString(16).toUpperCase().padStart(2, "0")}`;
      i++;
    }
  }
  return text;
}

const RANK: Record<NameEncoding, number> = { "utf-8": 0, gbk: 1, bytes: 2 };

/**
 * A path's name for people. Each part is decoded on its own: a folder typed in UTF-8 may hold a
 * file named in GBK. A slash byte never occurs inside a GBK character (its second byte is at
 * least 0x40), so the parts are found on the bytes.
 */
export function nameOfPath(p: FsPath): PathName {
  if (typeof p === "string") return { shown: p, encoding: "utf-8" };
  const parts: string[] = [];
  let encoding: NameEncoding = "utf-8";
  let start = 0;
  for (let i = 0; i <= p.length; i++) {
    if (i < p.length && p[i] !== SLASH) continue;
    const part = decodePart(p.subarray(start, i));
    parts.push(part.text);
    if (RANK[part.encoding] > RANK[encoding]) encoding = part.encoding;
    start = i + 1;
  }
  return { shown: parts.join("/"), encoding };
}

/** The path's bytes (a string path in UTF-8). */
export function pathBytes(p: FsPath): Buffer {
  return typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p.buffer, p.byteOffset, p.byteLength);
}

/** A path fs accepts: a Uint8Array that crossed to a worker thread is made a Buffer again. */
export function fsPath(p: FsPath): string | Buffer {
  return typeof p === "string" ? p : pathBytes(p);
}

/** A name inside a folder: a string path while every part is UTF-8, else bytes. */
export function childPath(dir: FsPath, name: Buffer): FsPath {
  if (typeof dir === "string" && isUtf8(name)) return path.join(dir, name.toString("utf8"));
  // The folder as path.join spells it (`.` dropped, slashes single), so both kinds of name read alike.
  const head = typeof dir === "string" ? Buffer.from(path.join(dir, "_").slice(0, -1), "utf8") : pathBytes(dir);
  const sep = head.length > 0 && head[head.length - 1] !== SLASH ? Buffer.from("/") : Buffer.alloc(0);
  return Buffer.concat([head, sep, name]);
}

/** What a note on the file says about its name, or null when the name is plain UTF-8. */
export function nameNote(encoding: NameEncoding): string | null {
  if (encoding === "gbk")
    return "文件名是 GBK 编码（常见于在 Linux 上解压中文 Windows 打的压缩包），这里按 GBK 解码显示；在本机的文件管理器或终端中它可能显示为乱码。";
  if (encoding === "bytes") return "文件名中有既不是 UTF-8 也不是 GBK 的字节，这里把这些字节写成“\\xNN”（十六进制）的形式。";
  return null;
}
