/**
 * The record layer of BIFF8, the Excel 97–2003 workbook stream ([MS-XLS] §2.1.4): records of
 * type, length and data, long ones carried on in CONTINUE records, and the Unicode strings that
 * may break across them. Every read is bounds-checked: a damaged file throws BiffError.
 */

export const RT = {
  BOF: 0x0809,
  EOF: 0x000a,
  CODEPAGE: 0x0042,
  CONTINUE: 0x003c,
  FILEPASS: 0x002f,
  DATEMODE: 0x0022,
  FORMAT: 0x041e,
  XF: 0x00e0,
  BOUNDSHEET: 0x0085,
  SST: 0x00fc,
  LABELSST: 0x00fd,
  LABEL: 0x0204,
  RSTRING: 0x00d6,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  FORMULA: 0x0006,
  /** The FORMULA record's ids in BIFF3 and BIFF4, which some writers still use in BIFF8 files. */
  FORMULA3: 0x0206,
  FORMULA4: 0x0406,
  STRING: 0x0207,
  BOOLERR: 0x0205,
  MERGEDCELLS: 0x00e5,
} as const;

export class BiffError extends Error {}

export interface BiffRecord {
  type: number;
  /** Offset of the record header in the stream. */
  offset: number;
  data: Uint8Array;
}

/** The records of a stream from `start`, up to its end or a record that runs past it. */
export function* records(stream: Uint8Array, start = 0): Generator<BiffRecord> {
  let p = start;
  while (p + 4 <= stream.length) {
    const type = stream[p] | (stream[p + 1] << 8);
    const len = stream[p + 2] | (stream[p + 3] << 8);
    if (p + 4 + len > stream.length) throw new BiffError("record past the end of the stream");
    yield { type, offset: p, data: stream.subarray(p + 4, p + 4 + len) };
    p += 4 + len;
  }
  // Streams are padded with zeros to their sector; anything else left over is a cut record.
  if (stream.subarray(p).some((b) => b !== 0)) throw new BiffError("a record cut short");
}

/**
 * Reads across a record and the CONTINUE records after it. Character data that breaks at a
 * record boundary resumes with a fresh option byte saying whether the rest is 8- or 16-bit.
 */
export class ContinuedReader {
  private seg = 0;
  private pos = 0;
  constructor(private readonly segments: Uint8Array[]) {}

  private current(): Uint8Array {
    while (this.seg < this.segments.length && this.pos >= this.segments[this.seg].length) {
      this.seg++;
      this.pos = 0;
    }
    if (this.seg >= this.segments.length) throw new BiffError("read past the end of a record");
    return this.segments[this.seg];
  }

  get atEnd(): boolean {
    let s = this.seg;
    let p = this.pos;
    while (s < this.segments.length && p >= this.segments[s].length) {
      s++;
      p = 0;
    }
    return s >= this.segments.length;
  }

  u8(): number {
    const b = this.current();
    return b[this.pos++];
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  skip(n: number): void {
    let left = n;
    while (left > 0) {
      const b = this.current();
      const step = Math.min(left, b.length - this.pos);
      this.pos += step;
      left -= step;
    }
  }

  /** `count` characters, 16-bit when `wide`; a break between records brings a new option byte. */
  chars(count: number, wide: boolean): string {
    const out: string[] = [];
    let highByte = wide;
    let chunk = "";
    for (let i = 0; i < count; i++) {
      // At a record's end the next record starts with the option byte for the rest; a record
      // holding nothing but that byte (some writers leave one) is passed over the same way.
      while (this.pos >= (this.segments[this.seg]?.length ?? 0)) {
        this.current();
        highByte = (this.u8() & 0x01) === 1;
      }
      const code = highByte ? this.u16() : this.u8();
      chunk += String.fromCharCode(code);
      if (chunk.length >= 4096) {
        out.push(chunk);
        chunk = "";
      }
    }
    out.push(chunk);
    return out.join("");
  }

  /** XLUnicodeString (2-byte count) or ShortXLUnicodeString (1-byte count); rich and phonetic data skipped. */
  unicodeString(countBytes: 1 | 2 = 2): string {
    const cch = countBytes === 1 ? this.u8() : this.u16();
    const flags = this.u8();
    const rich = (flags & 0x08) !== 0;
    const ext = (flags & 0x04) !== 0;
    const runs = rich ? this.u16() : 0;
    const extSize = ext ? this.u32() : 0;
    const text = this.chars(cch, (flags & 0x01) === 1);
    this.skip(runs * 4);
    this.skip(extSize);
    return text;
  }
}

/** A record with the CONTINUE records after it: its data in segments, the first being its own. */
export interface JoinedRecord extends BiffRecord {
  segments: Uint8Array[];
}

/** Whether a substream read by `substream` reached its EOF. */
export interface SubstreamEnd {
  ended: boolean;
}

/**
 * The records of the substream that starts with the BOF record at `start`, up to its EOF, each
 * with its CONTINUE records joined. The substreams nested in it are left out: a chart embedded
 * in a worksheet has its own BOF…EOF, whose cached series values are cell records too. Read
 * lazily, one record ahead, so a sheet of millions of records is never held as a list.
 */
export function* substream(stream: Uint8Array, start: number, end: SubstreamEnd = { ended: false }): Generator<JoinedRecord> {
  end.ended = false;
  let depth = 0;
  let held: JoinedRecord | null = null;
  let p = start;
  // The record layer of records() inlined: this loop runs once per record of every sheet.
  while (p + 4 <= stream.length) {
    const type = stream[p] | (stream[p + 1] << 8);
    const len = stream[p + 2] | (stream[p + 3] << 8);
    if (p + 4 + len > stream.length) throw new BiffError("record past the end of the stream");
    const data = stream.subarray(p + 4, p + 4 + len);
    const offset = p;
    p += 4 + len;
    if (type === RT.BOF) depth++;
    else if (depth === 0) return;
    if (depth === 1) {
      if (type === RT.CONTINUE && held) held.segments.push(data);
      else {
        if (held) yield held;
        held = { type, offset, data, segments: [data] };
      }
    }
    if (type === RT.EOF && --depth === 0) {
      if (held) yield held;
      end.ended = true;
      return;
    }
  }
  if (held) yield held;
  if (stream.subarray(p).some((b) => b !== 0)) throw new BiffError("a record cut short");
}

/** Where the top-level substreams (BOF at depth 0) after `from` start, at most `max` of them. */
export function substreamStarts(stream: Uint8Array, from: number, max: number): number[] {
  const starts: number[] = [];
  let depth = 0;
  try {
    for (const r of records(stream, from)) {
      if (r.type === RT.BOF && depth++ === 0) {
        starts.push(r.offset);
        if (starts.length >= max) break;
      } else if (r.type === RT.EOF && depth > 0) depth--;
    }
  } catch (e) {
    if (!(e instanceof BiffError)) throw e;
  }
  return starts;
}

/** Little-endian reads on one record's data, bounds-checked. */
export class RecordView {
  constructor(readonly data: Uint8Array) {}

  private need(at: number, n: number): void {
    if (at < 0 || at + n > this.data.length) throw new BiffError("field past the end of a record");
  }

  u8(at: number): number {
    this.need(at, 1);
    return this.data[at];
  }

  u16(at: number): number {
    this.need(at, 2);
    return this.data[at] | (this.data[at + 1] << 8);
  }

  u32(at: number): number {
    this.need(at, 4);
    return (this.data[at] | (this.data[at + 1] << 8) | (this.data[at + 2] << 16) | (this.data[at + 3] << 24)) >>> 0;
  }

  f64(at: number): number {
    this.need(at, 8);
    return new DataView(this.data.buffer, this.data.byteOffset + at, 8).getFloat64(0, true);
  }

  /** An RK number ([MS-XLS] §2.5.217): a 30-bit integer or the high half of a double, maybe ÷ 100. */
  rk(at: number): number {
    const rk = this.u32(at);
    let v: number;
    if (rk & 0x02) v = rk >> 2;
    else {
      const buf = new DataView(new ArrayBuffer(8));
      buf.setUint32(4, rk & 0xfffffffc, true);
      v = buf.getFloat64(0, true);
    }
    return rk & 0x01 ? v / 100 : v;
  }

  length(): number {
    return this.data.length;
  }
}
