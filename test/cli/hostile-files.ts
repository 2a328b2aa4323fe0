/** Hostile files built by the tests themselves (issue 17: the originals are not shared). */
import * as CFB from "cfb";

/** A minimal BIFF8 workbook with one sheet of the given name holding one label. */
export function xlsWithSheetName(name: string): Buffer {
  const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
  const u32 = (n: number) => [...u16(n & 0xffff), ...u16(n >>> 16)];
  const wide = (s: string) => [...s].flatMap((ch) => u16(ch.charCodeAt(0)));
  const record = (type: number, ...parts: number[][]) => {
    const data = parts.flat();
    return [...u16(type), ...u16(data.length), ...data];
  };
  const bof = (kind: number) => record(0x0809, u16(0x0600), u16(kind), new Array(12).fill(0));
  const eof = record(0x000a);
  const globals = (offset: number) => [...bof(5), ...record(0x0085, u32(offset), [0, 0], [name.length, 1], wide(name)), ...eof];
  const label = "说明";
  const sheet = [...bof(0x10), ...record(0x0204, u16(0), u16(0), u16(0), u16(label.length), [1], wide(label)), ...eof];
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, "/Workbook", Uint8Array.from([...globals(globals(0).length), ...sheet]));
  return CFB.write(cfb, { type: "buffer" }) as Buffer;
}
