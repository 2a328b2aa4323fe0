/**
 * Byte strings in a BIFF8 workbook. BIFF8 strings carry an option byte and are Latin-1 or
 * UTF-16; some writers still put a BIFF5-style string (a count and bytes in the workbook's code
 * page, no option byte) in a label, a sheet name or a number format. Those bytes are decoded
 * with the code page the CODEPAGE record names ([MS-XLS] §2.4.52) — 936 (GBK) in Chinese files.
 */
import { BiffError, ContinuedReader } from "./biff-records";

/** Windows code pages as the Encoding Standard names them (the ones TextDecoder knows). */
const ENCODINGS: Record<number, string> = {
  437: "ibm866",
  850: "windows-1252",
  874: "windows-874",
  932: "shift_jis",
  936: "gbk",
  949: "euc-kr",
  950: "big5",
  1250: "windows-1250",
  1251: "windows-1251",
  1252: "windows-1252",
  1253: "windows-1253",
  1254: "windows-1254",
  1255: "windows-1255",
  1256: "windows-1256",
  1257: "windows-1257",
  1258: "windows-1258",
  10000: "macintosh",
  20936: "gbk",
  32768: "macintosh",
  54936: "gb18030",
  65001: "utf-8",
};

export type ByteDecoder = (bytes: Uint8Array) => string;

/** A decoder for the workbook's code page; 1200 (UTF-16, BIFF8's own) and unknown ones read as Windows-1252. */
export function byteDecoder(codepage: number | null): ByteDecoder {
  const label = (codepage !== null && ENCODINGS[codepage]) || "windows-1252";
  try {
    const d = new TextDecoder(label);
    return (bytes) => d.decode(bytes);
  } catch {
    // A runtime without that encoding (Node built without ICU) still reads the bytes, one a character.
    return (bytes) => String.fromCharCode(...bytes);
  }
}

/**
 * The string at `at` in one record's data, with a `countBytes`-byte character count: BIFF8's
 * form (option byte, then Latin-1 or UTF-16), or else — when exactly `count` bytes are left, or
 * BIFF8's form runs past the record — the BIFF5 form of bytes in the code page.
 */
export function recordString(data: Uint8Array, at: number, countBytes: 1 | 2, decode: ByteDecoder): string {
  if (at + countBytes > data.length) throw new BiffError("string past the end of a record");
  const count = countBytes === 1 ? data[at] : data[at] | (data[at + 1] << 8);
  const rest = data.length - at - countBytes;
  const asBytes = () => decode(data.subarray(at + countBytes, at + countBytes + count));
  if (rest === count && count > 0) return asBytes();
  try {
    return new ContinuedReader([data.subarray(at)]).unicodeString(countBytes);
  } catch (e) {
    if (e instanceof BiffError && rest >= count) return asBytes();
    throw e;
  }
}
