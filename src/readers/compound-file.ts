/**
 * The compound-file container ([MS-CFB]) that holds .xls, .doc, .et, .wps and encrypted
 * .xlsx/.docx files: a FAT of sector chains, a directory, and a mini stream for small streams.
 * Read here rather than by a library because a hostile or damaged container (a chain that loops,
 * a stream that starts in the middle of another, a FAT shifted by a few bytes) made the library
 * loop until V8 died of memory — a native crash no try/catch stops. Every walk here visits a
 * sector at most once and never reads past the file, so a container costs time and memory in
 * proportion to its size; anything inconsistent throws CompoundFileError.
 */
import { ReadError } from "./read-error";

export class CompoundFileError extends Error {}

/** The streams at the root of a compound file, by name (case-insensitive, as [MS-CFB] compares). */
export interface CompoundFile {
  has(name: string): boolean;
  /** The stream's bytes, or null when there is no stream of that name. Throws CompoundFileError. */
  stream(name: string): Uint8Array | null;
}

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
/** Sector numbers above this are markers (free, end of chain, FAT, DIFAT), never sectors. */
const MAX_REGULAR = 0xfffffffa;
const NO_STREAM = 0xffffffff;
const MINI_SECTOR = 64;
/** Streams shorter than this live in the mini stream ([MS-CFB] §2.2: always 4096). */
const MINI_CUTOFF = 4096;

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

interface Entry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/** Opens a compound file's header, FAT and directory; streams are read when asked for. */
export function readCompoundFile(bytes: Uint8Array): CompoundFile {
  if (bytes.length < 512 || !SIGNATURE.every((x, i) => bytes[i] === x)) throw new CompoundFileError("not a compound file");
  const shift = u16(bytes, 30);
  if (shift !== 9 && shift !== 12) throw new CompoundFileError("sector size");
  const sectorSize = 1 << shift;
  // Sector n starts at (n + 1) × sector size; a last sector cut short is read as far as it goes.
  const sectorCount = Math.max(0, Math.ceil((bytes.length - sectorSize) / sectorSize));

  const sector = (n: number): Uint8Array => {
    const at = (n + 1) * sectorSize;
    return bytes.subarray(at, Math.min(at + sectorSize, bytes.length));
  };

  /**
   * Up to `needed` sectors of a chain from `start`, each at most once. A chain ends at its end
   * mark or a free sector. A loop or a sector outside the file ends it too — unless the chain is
   * a stream's and falls short of the stream's size (`strict`): that stream cannot be read.
   */
  const chain = (next: (n: number) => number, start: number, count: number, needed: number, strict: boolean, what: string): number[] => {
    const out: number[] = [];
    const seen = new Uint8Array(count);
    for (let n = start; n <= MAX_REGULAR && out.length < needed; n = next(n)) {
      if (n >= count || seen[n]) {
        if (strict) throw new CompoundFileError(`${what}: ${n >= count ? `sector ${n} outside the file` : "chain loops"}`);
        break;
      }
      seen[n] = 1;
      out.push(n);
    }
    return out;
  };

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors. A
  // listed sector outside the file keeps its place (its entries read as free) so that the
  // entries after it stay where they belong.
  const fatSectors: number[] = [];
  const listFat = (b: Uint8Array, from: number, to: number) => {
    for (let at = from; at + 4 <= to; at += 4) {
      const s = u32(b, at);
      if (s <= MAX_REGULAR) fatSectors.push(s < sectorCount ? s : -1);
    }
  };
  listFat(bytes, 76, 512);
  const difatSeen = new Uint8Array(sectorCount);
  // A DIFAT chain that loops or leaves the file ends there: the FAT sectors it lists after that
  // could only describe sectors the file does not have.
  for (let d = u32(bytes, 68), left = u32(bytes, 72); d < sectorCount && !difatSeen[d] && left > 0; left--) {
    difatSeen[d] = 1;
    const b = sector(d);
    listFat(b, 0, Math.min(b.length, sectorSize - 4));
    d = b.length >= sectorSize ? u32(b, sectorSize - 4) : END_OF_CHAIN;
  }
  // One FAT entry per sector of the file is all a chain can use; a longer FAT is ignored.
  const fat = new Uint32Array(sectorCount).fill(FREE);
  const perSector = sectorSize / 4;
  for (let k = 0; k < fatSectors.length && k * perSector < sectorCount; k++) {
    if (fatSectors[k] < 0) continue;
    const b = sector(fatSectors[k]);
    for (let i = 0; i < perSector && 4 * i + 4 <= b.length && k * perSector + i < sectorCount; i++) fat[k * perSector + i] = u32(b, 4 * i);
  }
  // A chain that runs into a free or reserved sector ends there (some writers end chains so);
  // what it holds by then is all the stream has.
  const nextInFat = (n: number) => (fat[n] > MAX_REGULAR ? END_OF_CHAIN : fat[n]);

  /** A stream of `size` bytes (Infinity: as long as its chain) in the file's sectors. */
  const readChain = (start: number, size: number, what: string): Uint8Array => {
    if (size === 0) return new Uint8Array(0);
    const known = Number.isFinite(size);
    const sectors = chain(nextInFat, start, sectorCount, known ? Math.ceil(size / sectorSize) : sectorCount, known, what);
    const out = new Uint8Array(Math.min(size, sectors.length * sectorSize));
    let p = 0;
    for (const s of sectors) {
      const b = sector(s).subarray(0, out.length - p);
      out.set(b, p);
      p += sectorSize;
    }
    return out;
  };

  // The directory: 128-byte entries in a chain of sectors; the first is the root storage.
  const dirStart = u32(bytes, 48);
  const dirBytes = readChain(dirStart, Infinity, "directory");
  const entryCount = Math.floor(dirBytes.length / 128);
  if (entryCount === 0) throw new CompoundFileError("no directory");
  const entryAt = (i: number): Entry => {
    const at = i * 128;
    const nameBytes = Math.min(u16(dirBytes, at + 64), 64);
    let name = "";
    for (let k = 0; k + 1 < nameBytes; k += 2) {
      const c = u16(dirBytes, at + k);
      if (c === 0) break;
      name += String.fromCharCode(c);
    }
    // Version 3 files leave the high half of the size undefined ([MS-CFB] §2.6.3).
    const high = shift === 12 ? u32(dirBytes, at + 124) : 0;
    return {
      name,
      type: dirBytes[at + 66],
      left: u32(dirBytes, at + 68),
      right: u32(dirBytes, at + 72),
      child: u32(dirBytes, at + 76),
      start: u32(dirBytes, at + 116),
      size: high > 0 ? Infinity : u32(dirBytes, at + 120),
    };
  };
  const root = entryAt(0);
  if (root.type !== 5) throw new CompoundFileError("no root entry");

  // The root's children form a tree through left and right siblings; each is visited once, and
  // a link back or out of the directory is passed over.
  const streams = new Map<string, Entry>();
  const visited = new Uint8Array(entryCount);
  const pending = [root.child];
  while (pending.length > 0) {
    const i = pending.pop() as number;
    if (i === NO_STREAM || i >= entryCount || visited[i]) continue;
    visited[i] = 1;
    const e = entryAt(i);
    if (e.type === 2 && !streams.has(e.name.toLowerCase())) streams.set(e.name.toLowerCase(), e);
    pending.push(e.left, e.right);
  }

  let mini: { data: Uint8Array; fat: Uint32Array } | null = null;
  const miniStream = () => {
    if (mini) return mini;
    const data = readChain(root.start, Math.min(root.size, bytes.length), "mini stream");
    const fatBytes = readChain(u32(bytes, 60), Infinity, "mini FAT");
    const count = Math.min(Math.floor(fatBytes.length / 4), Math.ceil(data.length / MINI_SECTOR));
    const miniFat = new Uint32Array(count);
    for (let k = 0; k < count; k++) miniFat[k] = u32(fatBytes, 4 * k);
    mini = { data, fat: miniFat };
    return mini;
  };

  const readMini = (start: number, size: number, what: string): Uint8Array => {
    const m = miniStream();
    const count = Math.min(m.fat.length, Math.ceil(m.data.length / MINI_SECTOR));
    const next = (n: number) => (m.fat[n] > MAX_REGULAR ? END_OF_CHAIN : m.fat[n]);
    const sectors = chain(next, start, count, Math.ceil(size / MINI_SECTOR), true, what);
    const out = new Uint8Array(Math.min(size, sectors.length * MINI_SECTOR));
    let p = 0;
    for (const s of sectors) {
      out.set(m.data.subarray(s * MINI_SECTOR, Math.min((s + 1) * MINI_SECTOR, s * MINI_SECTOR + out.length - p)), p);
      p += MINI_SECTOR;
    }
    return out;
  };

  const cache = new Map<string, Uint8Array>();
  return {
    has: (name) => streams.has(name.toLowerCase()),
    stream: (name) => {
      const key = name.toLowerCase();
      const e = streams.get(key);
      if (!e) return null;
      let data = cache.get(key);
      if (!data) {
        // A size larger than the file can hold is cut to what the chain holds.
        const size = Math.min(e.size, bytes.length);
        data = size === 0 ? new Uint8Array(0) : size < MINI_CUTOFF ? readMini(e.start, size, e.name) : readChain(e.start, size, e.name);
        cache.set(key, data);
      }
      return data;
    },
  };
}

/** Opens a compound file; a damaged container is a ReadError (`problem`: what the file is taken for). */
export function openCompoundFile(bytes: Uint8Array, problem: "corrupt-xls" | "truncated" = "truncated"): CompoundFile {
  try {
    return readCompoundFile(bytes);
  } catch (e) {
    if (e instanceof CompoundFileError) throw new ReadError(problem, { what: "文件容器无法打开" });
    throw e;
  }
}
