/**
 * The fake Excel refuses what Excel refuses (issue 16 point 8). Each test is one documented rule
 * of test/taskpane/fake-excel.ts, shown both ways: what Excel does not allow fails, what it allows works.
 */
import { FakeExcel, manifestMetadataFile } from "./fake-excel";

type Ctx = Excel.RequestContext;
let fake: FakeExcel;
beforeEach(() => {
  fake = new FakeExcel();
  fake.addSheet("表", { A1: 1, B2: "文字" });
});

const codeOf = (e: unknown): string => String((e as { code?: unknown }).code);
const run = <T>(f: (c: Ctx) => Promise<T>): Promise<T> => fake.run((c) => f(c as Ctx));

test("1. a property read before load and sync throws PropertyNotLoaded", async () => {
  await run(async (c) => {
    const r = c.workbook.worksheets.getItem("表").getRange("A1:B2");
    expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    r.load("values");
    expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    await c.sync();
    expect(r.values).toEqual([
      [1, ""],
      ["", "文字"],
    ]);
    expect(() => r.formulas).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
  });
});

test("2. isNullObject is known only after the sync", async () => {
  await run(async (c) => {
    const missing = c.workbook.worksheets.getItemOrNullObject("没有");
    const there = c.workbook.worksheets.getItemOrNullObject("表");
    expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    await c.sync();
    expect([missing.isNullObject, there.isNullObject]).toEqual([true, false]);
  });
});

test("3. a failing command stops its batch: what came before stays, what came after never runs", async () => {
  const err = await run(async (c) => {
    const s = c.workbook.worksheets.getItem("表");
    s.getRange("C1").values = [[5]];
    c.workbook.worksheets.getItem("没有").getRange("A1").values = [[1]];
    s.getRange("D1").values = [[6]];
    await c.sync();
  }).catch((e: unknown) => e);
  expect(codeOf(err)).toBe("ItemNotFound");
  expect([fake.cell("表", "C1").value, fake.cell("表", "D1").value]).toEqual([5, null]);
});

test("4. Excel on the web refuses a response or a request over 5 MB; the desktop does not", async () => {
  const long = "长".repeat(30000);
  for (let r = 1; r <= 60; r++) fake.sheet("表").cells.set(`C${r}`, { value: long });
  const read = () =>
    run(async (c) => {
      const r = c.workbook.worksheets.getItem("表").getRange("A1:C60");
      r.load("values,formulas");
      await c.sync();
      return r.values.length;
    });
  expect(codeOf(await read().catch((e: unknown) => e))).toBe("ResponsePayloadSizeLimitExceeded");
  expect(Math.max(...fake.responseSizes)).toBeGreaterThan(5 * 1024 * 1024);
  fake.platform = "windows";
  expect(await read()).toBe(60);
  fake.platform = "web";
  const big = Array.from({ length: 200 }, () => ["x".repeat(30000)]);
  const write = await run(async (c) => {
    c.workbook.worksheets.getItem("表").getRange("E1:E200").values = big;
    await c.sync();
  }).catch((e: unknown) => e);
  expect(codeOf(write)).toBe("RequestPayloadSizeLimitExceeded");
  expect(fake.cell("表", "E1").value).toBeNull();
});

test("5. values of a range over five million cells come back null", async () => {
  await run(async (c) => {
    const r = c.workbook.worksheets.getItem("表").getRange("A1:Z200000");
    r.load("values");
    await c.sync();
    expect(r.values).toBeNull();
  });
});

test("6. getUsedRange(valuesOnly): formatting alone makes a cell used only without valuesOnly", async () => {
  fake.sheet("表").cells.set("A10000", { value: null, format: "0.00" });
  await run(async (c) => {
    const s = c.workbook.worksheets.getItem("表");
    const all = s.getUsedRangeOrNullObject();
    const values = s.getUsedRangeOrNullObject(true);
    all.load("address");
    values.load("address");
    await c.sync();
    expect([all.address, values.address]).toEqual(["表!A1:B10000", "表!A1:B2"]);
  });
});

test("7. getMergedAreasOrNullObject fails past 512 merged areas", async () => {
  const s = fake.sheet("表");
  for (let i = 0; i < 513; i++) s.merges.push(`A${i * 2 + 10}:B${i * 2 + 10}`);
  const merged = (address: string) =>
    run(async (c) => {
      const m = c.workbook.worksheets.getItem("表").getRange(address).getMergedAreasOrNullObject();
      m.load("areaCount");
      await c.sync();
      return m.areaCount;
    });
  await expect(merged("A1:B2000")).rejects.toMatchObject({ code: "GeneralException" });
  expect(await merged("A1:B1000")).toBe(496);
});

test("8. a freshly written JXZP formula shows #BUSY! until calculated; other formulas calculate at once", async () => {
  fake.calcSyncs = 2;
  const shown = () =>
    run(async (c) => {
      const r = c.workbook.worksheets.getItem("表").getRange("C1:D1");
      r.load("values");
      await c.sync();
      return r.values[0];
    });
  await run(async (c) => {
    c.workbook.worksheets.getItem("表").getRange("C1:D1").formulasLocal = [["=JXZP.读取数值(\"≥24万人\")", "=A1+1"]];
    await c.sync();
  });
  expect(await shown()).toEqual(["#BUSY!", 2]);
  expect(await shown()).toEqual(["#BUSY!", 2]);
  expect(await shown()).toEqual([24, 2]);
});

test("9. #891: in Chinese Excel the ids through Range.formulas show #NAME?; the Chinese names through formulasLocal calculate", async () => {
  expect(manifestMetadataFile("zh-CN")).toBe("functions.zh-CN.json");
  expect(manifestMetadataFile("en-US")).toBe("functions.json");
  expect(manifestMetadataFile("en-GB")).toBe("functions.zh-CN.json");
  expect(manifestMetadataFile("en-GB", "language")).toBe("functions.json");
  await run(async (c) => {
    const s = c.workbook.worksheets.getItem("表");
    s.getRange("C1").formulas = [["=JXZP.READVALUE(\"5\")"]];
    s.getRange("C2").formulasLocal = [["=JXZP.读取数值(\"5\")"]];
    s.getRange("C3").formulas = [["=JXZP.读取数值(\"5\")"]];
    await c.sync();
  });
  fake.recalc();
  expect([fake.shown("表", "C1"), fake.shown("表", "C2"), fake.shown("表", "C3")]).toEqual(["#NAME?", 5, "#NAME?"]);
  // What formulasLocal shows: the loaded names.
  await run(async (c) => {
    const r = c.workbook.worksheets.getItem("表").getRange("C2");
    r.load("formulas,formulasLocal");
    await c.sync();
    expect([r.formulas[0][0], r.formulasLocal[0][0]]).toEqual(['=JXZP.READVALUE("5")', '=JXZP.读取数值("5")']);
  });
  // English Excel: the ids are the names.
  fake.displayLanguage = "en-US";
  await run(async (c) => {
    c.workbook.worksheets.getItem("表").getRange("C4").formulas = [["=JXZP.READVALUE(\"7\")"]];
    await c.sync();
  });
  fake.recalc();
  expect(fake.shown("表", "C4")).toBe(7);
});

test("9b. German formulasLocal: German built-ins and ';'; English ones show #NAME?, commas are refused", async () => {
  fake.displayLanguage = "de-DE";
  await run(async (c) => {
    const s = c.workbook.worksheets.getItem("表");
    s.getRange("C1").formulasLocal = [["=WENN(A1=1;\"ja\";\"nein\")"]];
    s.getRange("C2").formulasLocal = [["=IF(A1=1;\"ja\";\"nein\")"]];
    await c.sync();
  });
  expect([fake.shown("表", "C1"), fake.shown("表", "C2")]).toEqual(["ja", "#NAME?"]);
  const err = await run(async (c) => {
    c.workbook.worksheets.getItem("表").getRange("C3").formulasLocal = [["=WENN(A1=1,1,2)"]];
    await c.sync();
  }).catch((e: unknown) => e);
  expect(codeOf(err)).toBe("InvalidArgument");
});

test("10. onChanged fires for the add-in's own writes (ExcelApi 1.9)", async () => {
  const seen: unknown[] = [];
  await run(async (c) => {
    c.workbook.worksheets.onChanged.add(async (e) => void seen.push(e));
    await c.sync();
    c.workbook.worksheets.getItem("表").getRange("C1").values = [[3]];
    await c.sync();
  });
  await new Promise((r) => setTimeout(r, 5));
  expect(seen).toEqual([expect.objectContaining({ worksheetId: "表", address: "C1", source: "Local" })]);
  fake.apiVersion = "1.8";
  await expect(
    run(async (c) => {
      c.workbook.worksheets.onChanged.add(async () => undefined);
      await c.sync();
    }),
  ).rejects.toMatchObject({ code: "ApiNotFound" });
});

test("11. #2834: NamedItem.formula comes back localized on desktop, invariant on the web", async () => {
  fake.names.set("_x", { formula: "='表'!$A$1,'表'!$B$2", visible: false });
  fake.displayLanguage = "de-DE";
  const formula = () =>
    run(async (c) => {
      const n = c.workbook.names.getItemOrNullObject("_x");
      n.load("formula");
      await c.sync();
      return n.formula;
    });
  expect(await formula()).toBe("='表'!$A$1,'表'!$B$2");
  fake.platform = "windows";
  expect(await formula()).toBe("='表'!$A$1;'表'!$B$2");
});

test("12. an API newer than this Excel's requirement sets fails with ApiNotFound; isSetSupported agrees", async () => {
  fake.apiVersion = "1.12";
  expect(fake.office.context.requirements.isSetSupported("ExcelApi", "1.12")).toBe(true);
  expect(fake.office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(false);
  await expect(
    run(async (c) => {
      const m = c.workbook.worksheets.getItem("表").getRange("A1:B2").getMergedAreasOrNullObject();
      m.load("address");
      await c.sync();
    }),
  ).rejects.toMatchObject({ code: "ApiNotFound" });
});

test("13. a grouped batch with an API that has no undo fails with UndoNotSupported; ungrouped it runs", async () => {
  fake.addSheet("另一个", {});
  const del = (options: { mergeUndoGroup?: boolean } | null) => {
    const batch = async (c: unknown) => {
      (c as Ctx).workbook.worksheets.getItem("另一个").delete();
      await (c as Ctx).sync();
    };
    return options ? fake.run(options, batch) : fake.run(batch);
  };
  await expect(del({ mergeUndoGroup: true })).rejects.toMatchObject({ code: "UndoNotSupported" });
  expect(fake.sheets.map((s) => s.name)).toEqual(["表", "另一个"]);
  await del(null);
  expect(fake.sheets.map((s) => s.name)).toEqual(["表"]);
});

test("14. a write whose array does not fit the range fails with InvalidArgument", async () => {
  await expect(
    run(async (c) => {
      c.workbook.worksheets.getItem("表").getRange("A1:B1").values = [[1]];
      await c.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidArgument" });
});
