/**
 * BIFF8 records LibreOffice's .xls files do not exercise (a text formula's STRING result, a
 * shared string broken across CONTINUE records with a change of width, RK ×100, an encrypted
 * workbook, a BIFF5 one, a damaged one), in workbook streams built record by record and put
 * in a compound file by the `cfb` library; and what other writers get wrong, read leniently with
 * a note. Real .xls files are read in formats.test.ts and public-files.test.ts.
 */
import { readDocument } from "../../src/readers/document";
import { ReadError } from "../../src/readers/read-error";

import { BOF, cell, compoundWith, EOF, f64, LABEL, MERGES, NUMBER, narrow, biffStream, record, u16, u32, wide, xlString } from "./biff-build";

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
  return compoundWith(Uint8Array.from(stream));
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

const read = (stream: Uint8Array, name = "Workbook") => readDocument(compoundWith(stream, name), "表.xls");
/** A chart's substream as Excel embeds it in a worksheet: its own BOF…EOF, with cached series values in NUMBER records. */
const CHART = [...BOF(0x0020), ...NUMBER(0, 0, 10966.13), ...NUMBER(0, 1, 42), ...LABEL(1, 0, "系列1"), ...EOF];

test("a chart embedded in a sheet is its own substream: its cached values never overwrite the sheet, and what follows it is read", async () => {
  const doc = await read(biffStream([{ name: "表", body: [...LABEL(0, 0, "Figure 1"), ...CHART, ...NUMBER(0, 1, 7), ...MERGES([[2, 2, 0, 3]]), ...LABEL(2, 0, "合计")] }]));
  expect(doc.grids[0].values).toEqual([
    ["Figure 1", 7, null, null],
    [null, null, null, null],
    ["合计", null, null, null],
  ]);
  expect(doc.grids[0].merges).toEqual(["A3:D3"]);
  expect(doc.notes).toEqual([]);
});

test("the BOF record decides the version: BIFF8 in a stream named Book is read; BIFF5 there is refused as Excel 5.0", async () => {
  const stream = biffStream([{ name: "表", body: LABEL(0, 0, "项目名称") }]);
  expect((await read(stream, "Book")).grids[0].values).toEqual([["项目名称"]]);
  const biff5 = stream.slice();
  biff5[4] = 0x00;
  biff5[5] = 0x05;
  await expect(read(biff5, "Book")).rejects.toMatchObject({ problem: "biff5" });
});

test("Excel 2.x–4.0 files (a bare BIFF stream, no container) get the message to resave, not 'unknown format'", async () => {
  // BIFF2, BIFF3, BIFF4, and a 6-byte BOF under BIFF5's id (as ExcelDataReader's BIFF2–5 mixture has it).
  for (const bof of [[0x09, 0x00, 4, 0, 0, 0, 0x10, 0], [0x09, 0x02, 6, 0, 0, 0, 0x10, 0, 0, 0], [0x09, 0x04, 6, 0, 0, 0, 0x10, 0, 0, 0], [0x09, 0x08, 6, 0, 0, 0, 0x10, 0, 0, 0]]) {
    const e = await readDocument(Uint8Array.from([...bof, 0x0a, 0, 0, 0]), "旧表.xls").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReadError);
    expect((e as ReadError).problem).toBe("biff4");
    expect((e as ReadError).message).toBe("这是 Excel 4.0 或更早版本的旧工作簿，请在 Excel/WPS 中打开并另存为 .xlsx 后再校验。");
  }
  // A bare BIFF8 stream is read as the workbook it is.
  const bare = await readDocument(biffStream([{ name: "表", body: NUMBER(0, 0, 5) }]), "表.xls");
  expect(bare.grids[0].values).toEqual([[5]]);
});

test("BIFF5-style strings (bytes in the code page, no option byte) in a BIFF8 file are read with the CODEPAGE, not taken for damage", async () => {
  const gbk = [0xcf, 0xee, 0xc4, 0xbf]; // 项目 in GBK
  const codepage = record(0x0042, u16(936));
  const label5 = record(0x0204, cell(0, 0, 0), u16(gbk.length), gbk);
  const format5 = record(0x041e, u16(164), u16(6), narrow("0.00%"), [0x25]);
  const doc = await read(biffStream([{ name: "表", body: [...label5, ...LABEL(0, 1, "分值")] }], [...codepage, ...format5]));
  expect(doc.grids[0].values).toEqual([["项目", "分值"]]);
  expect(doc.notes).toEqual([]);
});

test("a cell record that cannot be read is passed over and named in a note; the rest of the sheet is read", async () => {
  const broken = record(0x0204, cell(4, 1, 0), u16(500), [0x08], narrow("abc"));
  const doc = await read(biffStream([{ name: "表", body: [...LABEL(0, 0, "项目"), ...broken, ...NUMBER(5, 0, 3)] }]));
  expect(doc.grids[0].values[0][0]).toBe("项目");
  expect(doc.grids[0].values[5][0]).toBe(3);
  expect(doc.notes).toEqual(["工作表“表”中有 1 个单元格（如 B5）的内容无法读取，已略去。"]);
});

test("FORMULA records under BIFF3/BIFF4 ids (0x0206, 0x0406) in a BIFF8 file are read like BIFF8's", async () => {
  const formula = (type: number, row: number, x: number) => record(type, cell(row, 0, 0), f64(x), u16(0), u32(0), u16(0));
  const doc = await read(biffStream([{ name: "表", body: [...formula(0x0006, 0, 1), ...formula(0x0206, 1, 2), ...formula(0x0406, 2, 3)] }]));
  expect(doc.grids[0].values).toEqual([[1], [2], [3]]);
});

test("a shared string broken by a CONTINUE holding only its option byte reads on in the next record", async () => {
  const sst = [...record(0x00fc, u32(1), u32(1), u16(7), [0], narrow("ABC")), ...record(0x003c, [1]), ...record(0x003c, [1], wide("执行率")), ...record(0x003c, [0], narrow("X"))];
  const doc = await read(biffStream([{ name: "表", body: record(0x00fd, cell(0, 0, 0), u32(0)) }], sst));
  expect(doc.grids[0].values).toEqual([["ABC执行率X"]]);
});

test("two sheet entries for one substream: it is read once and the second entry is named in a note", async () => {
  const sheets = [{ name: "表一", body: NUMBER(0, 0, 1) }, ...Array.from({ length: 2000 }, (_, i) => ({ name: `副本${i}`, body: [], pointAt: 0 }))];
  const doc = await read(biffStream(sheets));
  expect(doc.grids.map((g) => g.sheet)).toEqual(["表一"]);
  expect(doc.notes).toEqual(["有 2000 个工作表（如“副本0”）与其他工作表指向同一份内容，未重复读取。"]);
});

test("more than 1000 worksheets: the first 1000 are read and the rest named in a note", async () => {
  const doc = await read(biffStream(Array.from({ length: 1003 }, (_, i) => ({ name: `表${i + 1}`, body: NUMBER(0, 0, i) }))));
  expect(doc.grids).toHaveLength(1000);
  expect(doc.grids[999].values).toEqual([[999]]);
  expect(doc.notes).toEqual(["工作簿有 1003 个工作表，只读取了前 1000 个；其余的已忽略。"]);
});

test("a sheet entry whose offset misses its BOF is found by the order of the substreams, and said", async () => {
  const doc = await read(biffStream([{ name: "表一", body: NUMBER(0, 0, 1) }, { name: "表二", body: NUMBER(0, 0, 2), offBy: 20 }]));
  expect(doc.grids.map((g) => [g.sheet, g.values])).toEqual([
    ["表一", [[1]]],
    ["表二", [[2]]],
  ]);
  expect(doc.notes).toEqual(["工作表“表二”记下的位置有误，已按工作表的顺序找到它的内容。"]);
});

test("10,000 copies of one merge over a form: read at once, one area kept, the copies named in a note", async () => {
  const form = [...LABEL(0, 0, "项目名称"), ...NUMBER(1, 0, 2060), ...NUMBER(24, 9, 99.5)];
  const copies = Array.from({ length: 10000 }, () => [0, 9999, 0, 199] as [number, number, number, number]);
  const start = Date.now();
  const doc = await read(biffStream([{ name: "表", body: [...form, ...MERGES([[3, 3, 0, 2], ...copies])] }]));
  expect(Date.now() - start).toBeLessThan(5000);
  // Areas are taken by their top rows: A1:GR10000 comes first; its copies and A4:C4 under it are dropped.
  expect(doc.grids[0].merges).toEqual(["A1:GR125"]);
  expect(doc.notes).toEqual(["工作表“表”有 9999 个重复的合并区域（如 A1:GR10000）和 1 个与其他合并区域重叠的合并区域（如 A4:C4 与 A1:GR10000），已略去。"]);
  expect(doc.grids[0].values[0][0]).toBe("项目名称");
});

test("sheets reaching the edge of the reading area: read until the workbook holds 4 million cells, the rest named in a note", async () => {
  const far = (i: number) => ({ name: `表${i + 1}`, body: [...LABEL(0, 0, "项目名称"), ...NUMBER(9999, 199, i)] });
  const doc = await read(biffStream(Array.from({ length: 4 }, (_, i) => far(i))));
  expect(doc.grids.map((g) => [g.sheet, g.values.length, g.values[0].length])).toEqual([
    ["表1", 10000, 200],
    ["表2", 10000, 200],
  ]);
  expect(doc.notes).toEqual(["工作簿中已读的工作表合计超过 400 万个单元格，工作表“表3”及其后 1 个工作表未读取。"]);
});

test("more than 100,000 merged areas on a sheet: the first 100,000 are read, the rest counted in a note", async () => {
  const areas = Array.from({ length: 100_010 }, (_, k) => [Math.floor(k / 100), Math.floor(k / 100), 2 * (k % 100), 2 * (k % 100) + 1] as [number, number, number, number]);
  const doc = await read(biffStream([{ name: "表", body: [...NUMBER(1000, 199, 1), ...MERGES(areas)] }]));
  expect(doc.grids[0].merges).toHaveLength(100_000);
  expect(doc.grids[0].merges[99_999]).toBe("GQ1000:GR1000");
  expect(doc.notes).toEqual(["工作表“表”的合并区域超过 10 万个，其后的 10 个未读取。"]);
});
