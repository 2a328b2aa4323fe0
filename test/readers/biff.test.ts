/**
 * BIFF8 records LibreOffice's .xls files do not exercise (a text formula's STRING result, a
 * shared string broken across CONTINUE records with a change of width, RK ×100, an encrypted
 * workbook, a BIFF5 one, a damaged one), in workbook streams built record by record and put
 * in a compound file by the `cfb` library. Real .xls files are read in formats.test.ts.
 */
import * as CFB from "cfb";
import { readDocument } from "../../src/readers/document";
import { ReadError } from "../../src/readers/read-error";

function record(type: number, ...parts: number[][]): number[] {
  const data = parts.flat();
  return [type & 0xff, type >> 8, data.length & 0xff, data.length >> 8, ...data];
}
const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const f64 = (x: number) => [...new Uint8Array(new Float64Array([x]).buffer)];
const wide = (s: string) => [...s].flatMap((ch) => u16(ch.charCodeAt(0)));
const narrow = (s: string) => [...s].map((ch) => ch.charCodeAt(0));
/** XLUnicodeString: count, option byte, characters. */
const xlString = (s: string) => ([...s].every((ch) => ch.charCodeAt(0) < 256) ? [...u16(s.length), 0, ...narrow(s)] : [...u16(s.length), 1, ...wide(s)]);
const cell = (row: number, col: number, xf: number) => [...u16(row), ...u16(col), ...u16(xf)];

const BOF = (dt: number, version = 0x0600) => record(0x0809, u16(version), u16(dt), new Array(12).fill(0));
const EOF = record(0x000a);

interface Options {
  version?: number;
  filepass?: boolean;
  truncate?: boolean;
}

/** A workbook with one sheet 表一 holding the cells the tests read, as a Workbook stream in a compound file. */
function workbook(opts: Options = {}): Uint8Array {
  // Shared strings: the second ("ABC执行率") breaks after "ABC" and goes on 16-bit in a CONTINUE record.
  const sstHead = [...u32(2), ...u32(2), ...xlString("项目名称"), ...u16(6), 0, ...narrow("ABC")];
  const sst = [...record(0x00fc, sstHead), ...record(0x003c, [1], wide("执行率"))];
  const xfs = [0, 10, 164].map((fmt) => record(0x00e0, u16(0), u16(fmt), new Array(16).fill(0))).flat();
  const format = record(0x041e, u16(164), xlString('0.00"万元"'));
  const name = "表一";
  const boundsheetLength = 4 + 8 + 2 + 2 + wide(name).length;
  const globals = (offset: number) => [
    ...BOF(0x0005, opts.version),
    ...(opts.filepass ? record(0x002f, new Array(6).fill(0)) : []),
    ...format,
    ...xfs,
    ...record(0x0085, u32(offset), [0, 0], [name.length, 1], wide(name)),
    ...sst,
    ...EOF,
  ];
  const start = globals(0).length;
  expect(boundsheetLength).toBeGreaterThan(0);
  const sheet = [
    ...BOF(0x0010, opts.version),
    ...record(0x00fd, cell(0, 0, 0), u32(0)),
    ...record(0x00fd, cell(0, 1, 0), u32(1)),
    ...record(0x0203, cell(1, 0, 2), f64(48.44)),
    ...record(0x027e, cell(1, 1, 0), u32((2060 << 2) | 2)),
    ...record(0x027e, cell(1, 2, 0), u32((1999 << 2) | 3)),
    ...record(0x00bd, u16(2), u16(0), u16(0), u32((7 << 2) | 2), u16(0), u32((-3 << 2) | 2), u16(1)),
    // A text result: type 0 in the value and the text in the STRING record after it.
    ...record(0x0006, cell(3, 0, 0), [0, 0, 0, 0, 0, 0, 0xff, 0xff], u16(0), u32(0), u16(0)),
    ...record(0x0207, xlString("达成")),
    ...record(0x0006, cell(3, 1, 1), f64(0.9996), u16(0), u32(0), u16(0)),
    ...record(0x0006, cell(3, 2, 0), [1, 0, 1, 0, 0, 0, 0xff, 0xff], u16(0), u32(0), u16(0)),
    ...record(0x0205, cell(3, 3, 0), [0x07, 1]),
    ...record(0x00e5, u16(1), u16(4), u16(4), u16(0), u16(2)),
    ...record(0x0204, cell(4, 0, 0), xlString("合计")),
    ...EOF,
  ];
  let stream = [...globals(start), ...sheet];
  if (opts.truncate) stream = stream.slice(0, stream.length - 20);
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, "/Workbook", Uint8Array.from(stream));
  return new Uint8Array(CFB.write(cfb, { type: "buffer" }) as Buffer);
}

test("shared strings across CONTINUE, RK, MULRK, NUMBER, formula results (text via STRING, number, boolean), errors, merges, formats", async () => {
  const doc = await readDocument(workbook(), "样例.xls");
  expect(doc.format).toBe("xls");
  expect(doc.grids.map((g) => g.sheet)).toEqual(["表一"]);
  const g = doc.grids[0];
  expect(g.values).toEqual([
    ["项目名称", "ABC执行率", null, null],
    [48.44, 2060, 19.99, null],
    [7, -3, null, null],
    ["达成", 0.9996, true, "#DIV/0!"],
    ["合计", null, null, null],
  ]);
  expect(g.numberFormats?.[1][0]).toBe('0.00"万元"');
  expect(g.numberFormats?.[3][1]).toBe("0.00%");
  expect(g.merges).toEqual(["A5:C5"]);
});

test("a workbook with an open password (FILEPASS) is encrypted; a BIFF5 one is too old; a cut one is damaged", async () => {
  const problem = async (bytes: Uint8Array) => {
    try {
      await readDocument(bytes, "x.xls");
    } catch (e) {
      expect(e).toBeInstanceOf(ReadError);
      return [(e as ReadError).problem, (e as ReadError).message];
    }
    throw new Error("read");
  };
  expect(await problem(workbook({ filepass: true }))).toEqual(["encrypted", expect.stringContaining("打开密码")]);
  expect(await problem(workbook({ version: 0x0500 }))).toEqual(["biff5", expect.stringContaining("Excel 5.0/95")]);
  expect(await problem(workbook({ truncate: true }))).toEqual(["corrupt-xls", expect.stringContaining(".xls 工作簿内容已损坏")]);
});
