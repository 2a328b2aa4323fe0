/**
 * Damaged compound files made from a real .xls, one fault each, as an attacker or a broken
 * writer makes them: FAT chains that loop, a stream starting in the middle of a chain, a FAT
 * shifted by 8 bytes, a directory tree that loops, a DIFAT chain that loops, sizes larger than
 * the file, sectors beyond its end. The `cfb` library followed some of these until V8 died of
 * memory (a native crash); each must now be one unreadable file.
 */

const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
function put32(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
}

/** Where things are in a version-3 compound file (512-byte sectors, FAT listed in the header). */
export class Layout {
  readonly sectorSize: number;
  constructor(readonly bytes: Uint8Array) {
    this.sectorSize = 1 << (bytes[30] | (bytes[31] << 8));
  }
  offset(sector: number): number {
    return (sector + 1) * this.sectorSize;
  }
  get fatSector(): number {
    return u32(this.bytes, 76);
  }
  fatEntryAt(sector: number): number {
    return this.offset(this.fatSector) + 4 * sector;
  }
  next(sector: number): number {
    return u32(this.bytes, this.fatEntryAt(sector));
  }
  chain(start: number): number[] {
    const out: number[] = [];
    for (let s = start; s < 0xfffffffa && out.length < 10000; s = this.next(s)) out.push(s);
    return out;
  }
  /** Offset of the directory entry named `name` (in the directory's first sector). */
  entry(name: string): number {
    const dir = this.offset(u32(this.bytes, 48));
    for (let k = 0; k < this.sectorSize / 128; k++) {
      const at = dir + 128 * k;
      const len = this.bytes[at + 64] | (this.bytes[at + 65] << 8);
      const n = String.fromCharCode(...Array.from({ length: Math.max(0, len / 2 - 1) }, (_, i) => this.bytes[at + 2 * i] | (this.bytes[at + 2 * i + 1] << 8)));
      if (n === name) return at;
    }
    throw new Error(`no entry ${name}`);
  }
  workbookChain(): number[] {
    return this.chain(u32(this.bytes, this.entry("Workbook") + 116));
  }
}

type Mutation = (b: Uint8Array, l: Layout) => void;

const MUTATIONS: Record<string, Mutation> = {
  // The Workbook stream's last sector leads back to its first: the chain never ends.
  "fat-loop": (b, l) => {
    const c = l.workbookChain();
    put32(b, l.fatEntryAt(c[c.length - 1]), c[0]);
  },
  // The stream starts in the middle of a chain whose end loops back to that middle.
  "start-mid-chain-loop": (b, l) => {
    const c = l.workbookChain();
    const mid = c[c.length >> 1];
    put32(b, l.entry("Workbook") + 116, mid);
    put32(b, l.fatEntryAt(c[c.length - 1]), mid);
  },
  // The FAT read 8 bytes off: every entry names its neighbour's successor.
  "fat-shifted-8": (b, l) => {
    const at = l.offset(l.fatSector);
    const fat = b.slice(at, at + l.sectorSize);
    b.set(fat.subarray(0, l.sectorSize - 8), at + 8);
    b.fill(0, at, at + 8);
  },
  // Every sector points at itself.
  "fat-self": (b, l) => {
    const at = l.offset(l.fatSector);
    for (let s = 0; s < l.sectorSize / 4; s++) if (s !== l.fatSector) put32(b, at + 4 * s, s);
  },
  // The directory's siblings point back at each other.
  "directory-loop": (b, l) => {
    const w = l.entry("Workbook");
    put32(b, w + 68, 1);
    put32(b, w + 72, 1);
  },
  // A DIFAT chain that points at itself, claiming a million DIFAT sectors.
  "difat-loop": (b, l) => {
    const c = l.workbookChain();
    put32(b, 68, c[0]);
    put32(b, 72, 1_000_000);
    put32(b, l.offset(c[0]) + l.sectorSize - 4, c[0]);
  },
  // The Workbook claims 4 GB.
  "size-4gb": (b, l) => put32(b, l.entry("Workbook") + 120, 0xffffffff),
  // The Workbook starts far past the end of the file.
  "start-beyond-file": (b, l) => put32(b, l.entry("Workbook") + 116, 0x7ffffff0),
  // The directory's own chain loops.
  "directory-chain-loop": (b, l) => {
    const dir = u32(b, 48);
    put32(b, l.fatEntryAt(dir), dir);
  },
  // The Workbook claims under 4 KB, so it is sought in a mini stream whose chain loops.
  "mini-chain-loop": (b, l) => {
    put32(b, l.entry("Workbook") + 120, 4000);
    const miniFat = u32(b, 60);
    for (let k = 0; k < l.sectorSize / 4; k++) put32(b, l.offset(miniFat) + 4 * k, k);
  },
  // The header names a 64 KB sector.
  "sector-shift-16": (b) => {
    b[30] = 16;
  },
};

export const VARIANTS = Object.keys(MUTATIONS);

/**
 * Faults past what the Workbook stream needs, which lose nothing: a loop after the stream's last
 * sector, a directory or DIFAT that points back at itself, a size larger than the file.
 */
export const HARMLESS = ["fat-loop", "directory-loop", "directory-chain-loop", "difat-loop", "size-4gb"];

/** `source` with one fault; the source is left unchanged. */
export function damaged(source: Uint8Array, variant: string): Uint8Array {
  const b = new Uint8Array(source); // a copy (a Buffer's slice would share the bytes)
  MUTATIONS[variant](b, new Layout(b));
  return b;
}
