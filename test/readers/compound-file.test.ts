/**
 * The compound-file container read by our own bounded reader: the streams of real files as the
 * `cfb` library (an independent writer and reader) sees them, and damaged containers that must
 * each be one unreadable file with a Chinese message — quickly, whatever the fault.
 */
import * as fs from "fs";
import * as path from "path";
import * as CFB from "cfb";
import { CompoundFileError, readCompoundFile } from "../../src/readers/compound-file";
import { readDocument } from "../../src/readers/document";
import { ReadError } from "../../src/readers/read-error";
import { damaged, HARMLESS, Layout, VARIANTS } from "./compound-variants";

const FIX = path.join(__dirname, "..", "fixtures");
const SOURCE = fs.readFileSync(path.join(FIX, "formats", "huangshi-2021-project.xls"));

test("every root stream of the .xls and .doc fixtures reads byte for byte as cfb reads it", () => {
  const files = [
    ...["huangshi-2021-project", "zhuzhou-2021-department", "panzhihua-2021-completion", "features"].map((n) => path.join(FIX, "formats", `${n}.xls`)),
    path.join(FIX, "unreadable", "report.doc"),
  ];
  let compared = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    const ours = readCompoundFile(bytes);
    const theirs = CFB.read(bytes, { type: "buffer" });
    // Root-level streams only: cfb's paths are "Root Entry/<name>".
    const root = theirs.FullPaths.map((p, i) => [p, theirs.FileIndex[i]] as const).filter(([p, e]) => e.type === 2 && p.split("/").filter(Boolean).length === 2);
    expect(root.length).toBeGreaterThan(1);
    for (const [, e] of root) {
      expect(ours.has(e.name)).toBe(true);
      expect(Buffer.from(ours.stream(e.name) ?? [])).toEqual(Buffer.from(e.content as Uint8Array));
      compared++;
    }
    expect(ours.has("no such stream")).toBe(false);
  }
  expect(compared).toBeGreaterThan(15);
});

test("a stream in a storage below the root is not taken for a root stream", () => {
  const c = CFB.utils.cfb_new();
  CFB.utils.cfb_add(c, "/WordDocument", Uint8Array.from([1, 2, 3]));
  CFB.utils.cfb_add(c, "/ObjectPool/_1/Workbook", new Uint8Array(5000).fill(7));
  const file = readCompoundFile(new Uint8Array(CFB.write(c, { type: "buffer" }) as Buffer));
  expect(file.has("WordDocument")).toBe(true);
  expect(file.has("Workbook")).toBe(false);
});

test("the variants are what they say: the Workbook chain of the source is long enough to damage", () => {
  const l = new Layout(new Uint8Array(SOURCE));
  expect(l.workbookChain().length).toBeGreaterThan(4);
  for (const v of VARIANTS) expect(Buffer.from(damaged(SOURCE, v))).not.toEqual(SOURCE);
});

const FATAL = VARIANTS.filter((v) => !HARMLESS.includes(v));

test.each(FATAL)("%s: one unreadable .xls with a Chinese message, in well under a second", async (variant) => {
  const bytes = damaged(SOURCE, variant);
  const start = Date.now();
  let error: unknown = null;
  try {
    await readDocument(bytes, "表.xls");
  } catch (e) {
    error = e;
  }
  expect(Date.now() - start).toBeLessThan(2000);
  expect(error).toBeInstanceOf(ReadError);
  expect((error as ReadError).problem).toBe("corrupt-xls");
  expect((error as ReadError).message).toMatch(/^\.xls 工作簿内容已损坏（(文件容器无法打开|文件容器已损坏|[^）]*)）/);
});

test("the container reader throws only its own error on damage", () => {
  let thrown = 0;
  for (const v of VARIANTS) {
    const bytes = damaged(SOURCE, v);
    try {
      readCompoundFile(bytes).stream("Workbook");
    } catch (e) {
      expect(e).toBeInstanceOf(CompoundFileError);
      thrown++;
    }
  }
  // The others fail in the workbook stream they yield (a FAT read 8 bytes off gives a cut stream).
  expect(thrown).toBeGreaterThanOrEqual(FATAL.length - 1);
});

test("faults beyond what the Workbook stream needs lose nothing: the same workbook", async () => {
  const whole = await readDocument(SOURCE, "表.xls");
  for (const v of HARMLESS) {
    const doc = await readDocument(damaged(SOURCE, v), "表.xls");
    expect(doc.grids).toEqual(whole.grids);
  }
});
