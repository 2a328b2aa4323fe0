/**
 * The CLI's way of opening a zip (its own directory reader and Node's zlib) against the browser's
 * (JSZip): the same grids and the same refusals for every workbook of the fixtures and the attack
 * suite, and bounded work on zips that lie about themselves.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { readDocument } from "../../src/readers/document";
import { ReadError } from "../../src/readers/read-error";
import { readXlsx } from "../../src/readers/xlsx";
import { openZipNative } from "../../src/readers/zip-native";

const FIXTURES = path.join(__dirname, "..", "fixtures");

function workbooks(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...workbooks(p));
    else if (/\.(xlsx|docx)$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

async function outcome(bytes: Uint8Array, name: string, native: boolean): Promise<unknown> {
  try {
    const doc = await readDocument(bytes, name, native ? { openZip: openZipNative } : {});
    return { format: doc.format, grids: doc.grids, notes: doc.notes };
  } catch (e) {
    return { refused: e instanceof ReadError ? e.message : `not a ReadError: ${String(e)}` };
  }
}

const FILES = workbooks(FIXTURES);

test("there are workbooks and reports to compare", () => {
  expect(FILES.length).toBeGreaterThan(80);
});

test.each(FILES.map((f) => [path.relative(FIXTURES, f), f]))("%s: the same grids, notes or refusal either way", async (name, file) => {
  const bytes = new Uint8Array(fs.readFileSync(file));
  expect(await outcome(bytes, name, true)).toEqual(await outcome(bytes, name, false));
});

/** A zip of one deflated entry, written here with Node's zlib (JSZip takes minutes to pack 300 MB); `claim` is the size it states. */
function oneEntryZip(name: string, data: Buffer, claim = data.length): Uint8Array {
  const packed = zlib.deflateRawSync(data, { level: 1 });
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(claim, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(claim, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const dirStart = 30 + n.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(dirStart, 16);
  return new Uint8Array(Buffer.concat([local, n, packed, central, n, end]));
}

test("a part that claims a kilobyte and unpacks to 300 MB is stopped at the limit, not unpacked whole", async () => {
  const spaces = Buffer.alloc(300 * 1024 * 1024, 0x20);
  const pkg = await openZipNative(oneEntryZip("xl/worksheets/sheet1.xml", spaces, 1024));
  await expect(pkg.bytes("xl/worksheets/sheet1.xml")).rejects.toThrow("解压后超过");
  // The honest one is refused from its directory alone; a small one unpacks.
  await expect(openZipNative(oneEntryZip("xl/worksheets/sheet1.xml", spaces))).rejects.toThrow("解压后超过");
  const small = await openZipNative(oneEntryZip("a.xml", Buffer.from("<a/>")));
  expect(Buffer.from((await small.bytes("a.xml"))!).toString()).toBe("<a/>");
}, 60000);

test("bytes before the zip (a self-extractor's stub) do not hide it; a cut zip is called incomplete", async () => {
  const xlsx = new Uint8Array(fs.readFileSync(path.join(FIXTURES, "zhuzhou-2021-department.xlsx")));
  const stub = new Uint8Array([...Buffer.from("MZ stub of a self-extracting archive\n"), ...xlsx]);
  const a = (await readXlsx(await openZipNative(xlsx))).grids;
  const b = (await readXlsx(await openZipNative(stub))).grids;
  expect(b.length).toBeGreaterThan(0);
  expect(b).toEqual(a);
  for (const cut of [xlsx.subarray(0, xlsx.length >> 1), xlsx.subarray(0, xlsx.length - 10), xlsx.subarray(0, 30)])
    await expect(openZipNative(cut)).rejects.toThrow("文件不完整");
});
