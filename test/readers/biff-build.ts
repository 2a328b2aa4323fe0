/**
 * BIFF8 workbook streams built record by record ([MS-XLS]), for tests that need what no office
 * program writes on purpose: a chart nested in a sheet, two sheet entries for one substream, a
 * BIFF5-style string, 10,000 copies of a merge. The compound file around them is written by the
 * `cfb` library, a writer independent of our reader.
 */
import * as CFB from "cfb";

export function record(type: number, ...parts: number[][]): number[] {
  const data = parts.flat();
  return [type & 0xff, type >> 8, data.length & 0xff, data.length >> 8, ...data];
}
export const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
export const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
export const f64 = (x: number) => [...new Uint8Array(new Float64Array([x]).buffer)];
export const wide = (s: string) => [...s].flatMap((ch) => u16(ch.charCodeAt(0)));
export const narrow = (s: string) => [...s].map((ch) => ch.charCodeAt(0));
/** XLUnicodeString: count, option byte, characters. */
export const xlString = (s: string) => ([...s].every((ch) => ch.charCodeAt(0) < 256) ? [...u16(s.length), 0, ...narrow(s)] : [...u16(s.length), 1, ...wide(s)]);
export const cell = (row: number, col: number, xf: number) => [...u16(row), ...u16(col), ...u16(xf)];

/** BOF of a substream: dt 0x0005 globals, 0x0010 worksheet, 0x0020 chart. */
export const BOF = (dt: number, version = 0x0600) => record(0x0809, u16(version), u16(dt), new Array(12).fill(0));
export const EOF = record(0x000a);
export const NUMBER = (row: number, col: number, x: number) => record(0x0203, cell(row, col, 0), f64(x));
export const LABEL = (row: number, col: number, s: string) => record(0x0204, cell(row, col, 0), xlString(s));
/** MERGEDCELLS with the areas given as [top, bottom, left, right], split into records of 1,026 as Excel does. */
export function MERGES(areas: [number, number, number, number][]): number[] {
  const out: number[] = [];
  for (let i = 0; i < areas.length; i += 1026) {
    const part = areas.slice(i, i + 1026);
    out.push(...record(0x00e5, u16(part.length), ...part.map((a) => a.flatMap(u16))));
  }
  return out;
}

export interface SheetSpec {
  name: string;
  /** The records between the sheet's BOF and EOF. */
  body: number[];
  /** Where its BOUNDSHEET points: at another sheet's substream (by index), or this many bytes off. */
  pointAt?: number;
  offBy?: number;
}

/** A BIFF8 workbook stream: globals (the given records, one XF, the sheet entries) and each sheet's substream. */
export function biffStream(sheets: SheetSpec[], globalsExtra: number[] = []): Uint8Array {
  const xf = record(0x00e0, u16(0), u16(0), new Array(16).fill(0));
  const entry = (offset: number, name: string) => record(0x0085, u32(offset), [0, 0], [name.length, 1], wide(name));
  const globals = (offsets: number[]) => [...BOF(0x0005), ...globalsExtra, ...xf, ...sheets.flatMap((s, i) => entry(offsets[i], s.name)), ...EOF];
  const bodies = sheets.map((s) => [...BOF(0x0010), ...s.body, ...EOF]);
  const start = globals(sheets.map(() => 0)).length;
  const own: number[] = [];
  let at = start;
  for (const b of bodies) {
    own.push(at);
    at += b.length;
  }
  const offsets = sheets.map((s, i) => (s.pointAt !== undefined ? own[s.pointAt] : own[i]) + (s.offBy ?? 0));
  const out = new Uint8Array(at);
  out.set(globals(offsets), 0);
  bodies.forEach((b, i) => out.set(b, own[i]));
  return out;
}

/** A compound file holding `stream` under `name` (Workbook, or Book as Excel 5.0 named it). */
export function compoundWith(stream: Uint8Array, name = "Workbook"): Uint8Array {
  const c = CFB.utils.cfb_new();
  CFB.utils.cfb_add(c, `/${name}`, stream);
  return new Uint8Array(CFB.write(c, { type: "buffer" }) as Buffer);
}
