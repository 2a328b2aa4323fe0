/**
 * The set-up the host tests share, written once: the department form they work on, an in-memory
 * host on a fresh copy of it, and the strict fake Excel installed as the global Excel around each test.
 */
import path from "node:path";
import { readWorkbookFile } from "../../src/readers/xlsx-file";
import type { Grid } from "../../src/scoring/grid/grid";
import { MemoryHost } from "../../src/taskpane/host/MemoryHost";
import { MemoryWorkbook } from "../../src/taskpane/host/memory-workbook";
import { previewEngine } from "../../src/taskpane/preview/formula-engine";
import { FakeExcel } from "./fake-excel";

/** The fixture most host tests fill, undo and finalize, and its form's sheet. */
export const DEPARTMENT_FILE = path.join(__dirname, "..", "fixtures", "zhuzhou-2021-department.xlsx");
export const DEPARTMENT_SHEET = "部门整体支出绩效自评表";

export const readDepartment = (): Promise<Grid[]> => readWorkbookFile(DEPARTMENT_FILE);

/**
 * A MemoryHost on a fresh workbook made from the grids. Formulas calculate as in the preview
 * unless `engine` is false (then they keep the values the file saved).
 */
export function openMemoryHost(grids: Grid[], options: { engine?: boolean; active?: string } = {}): { wb: MemoryWorkbook; host: MemoryHost } {
  const wb = MemoryWorkbook.fromGrids(grids);
  if (options.engine !== false) wb.engine = previewEngine;
  if (options.active) wb.activeSheet = options.active;
  return { wb, host: new MemoryHost(wb) };
}

/**
 * A new FakeExcel for each test of the file, handed to `use` (which may fill it) and then
 * installed as the global Excel and Office; taken away again after the test.
 */
export function fakeExcelEachTest(use: (fake: FakeExcel) => void): void {
  let uninstall: () => void = () => undefined;
  beforeEach(() => {
    const fake = new FakeExcel();
    use(fake);
    uninstall = fake.install();
  });
  afterEach(() => uninstall());
}

/** Runs `body` with a fake Excel installed, and takes it away whatever happens. */
export async function withFakeExcel<T>(fake: FakeExcel, body: () => Promise<T>): Promise<T> {
  const uninstall = fake.install();
  try {
    return await body();
  } finally {
    uninstall();
  }
}
