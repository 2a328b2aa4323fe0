/**
 * A zip's central directory, read straight from its bytes: each entry's name, how it is packed
 * and where its data lies. Every offset is checked against the file before it is used; a zip that
 * does not add up is ReadError `truncated` (what a reviewer meets is an interrupted download).
 * Zip64 sizes and offsets are read; a zip with bytes before it (a self-extractor's stub) is read
 * by its directory's own position, as JSZip does.
 */
import { ReadError } from "./read-error";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be unpacked here. */
  method: number;
  compressedSize: number;
  size: number;
  /** Where the entry's packed data starts in the file. */
  dataStart: number;
  encrypted: boolean;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const broken = (): never => {
  throw new ReadError("truncated");
};

const utf8 = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

export function readZipDirectory(b: Uint8Array): ZipEntry[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (at: number) => (at + 2 <= b.length ? view.getUint16(at, true) : broken());
  const u32 = (at: number) => (at + 4 <= b.length ? view.getUint32(at, true) : broken());
  const u64 = (at: number) => {
    const n = u32(at) + u32(at + 4) * 2 ** 32;
    return Number.isSafeInteger(n) ? n : broken();
  };

  // The end record sits in the last 22 bytes plus a comment of up to 64 KiB.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) broken();
  let count = u16(eocd + 10);
  let dirSize = u32(eocd + 12);
  let dirStart = u32(eocd + 16);
  let dirEnd = eocd;
  if ((count === 0xffff || dirSize === 0xffffffff || dirStart === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR) {
    const at = u64(eocd - 12);
    if (u32(at) !== ZIP64_EOCD) broken();
    count = u64(at + 32);
    dirSize = u64(at + 40);
    dirStart = u64(at + 48);
    dirEnd = at;
  }
  // Bytes before the zip shift every offset by the same amount: the directory ends where the end record begins.
  const shift = dirEnd - dirSize - dirStart;
  if (shift < 0) broken();
  let at = dirStart + shift;
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (u32(at) !== CENTRAL) broken();
    const flags = u16(at + 8);
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let local = u32(at + 42);
    const nameBytes = b.subarray(at + 46, at + 46 + nameLength);
    if (nameBytes.length !== nameLength) broken();
    // Bit 11: the name is UTF-8; otherwise an old code page, and Office's part names are ASCII anyway.
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    // Zip64: the sizes and offset that did not fit are in extra field 1, in this order.
    let e = at + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = u16(e);
      const len = u16(e + 2);
      if (id === 1) {
        let p = e + 4;
        if (size === 0xffffffff) {
          size = u64(p);
          p += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(p);
          p += 8;
        }
        if (local === 0xffffffff) local = u64(p);
      }
      e += 4 + len;
    }
    local += shift;
    if (u32(local) !== LOCAL) broken();
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    if (dataStart + compressedSize > b.length) broken();
    out.push({ name, method, compressedSize, size, dataStart, encrypted: (flags & 1) === 1 });
    at = extraEnd + commentLength;
  }
  return out;
}
