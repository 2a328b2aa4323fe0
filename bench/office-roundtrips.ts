import * as path from "path";
import { readWorkbookFile } from "../src/readers/xlsx-file";
import { toA1 } from "../src/scoring/grid/address";
import { OfficeHost } from "../src/taskpane/host/OfficeHost";
import { FakeExcel } from "../test/taskpane/fake-excel";

/**
 * `npm run bench` (second part): round trips (context.sync calls) and response sizes of the task
 * pane's reads, against the strict fake Excel of the tests (test/taskpane/fake-excel.ts, Excel on
 * the web: 5 MB per response). Figures from the model, not from a real Excel: a real sync costs
 * from milliseconds (desktop) to a few hundred (web), so the count is what matters here.
 */

const MB = 1024 * 1024;

async function measure(label: string, setup: (fake: FakeExcel) => void, scope: "active" | "workbook"): Promise<string> {
  const fake = new FakeExcel();
  setup(fake);
  const uninstall = fake.install();
  try {
    const read = await new OfficeHost().read(scope);
    const delivered = fake.responseSizes.filter((n) => n <= 5 * MB);
    const total = delivered.reduce((a, b) => a + b, 0);
    return `${label}：${read.grids.length} 个工作表，${fake.syncs} 次往返（Excel.run ${fake.runs} 次），被拒绝的响应 ${fake.refusedResponses} 次，最大响应 ${(Math.max(...delivered) / MB).toFixed(2)} MB，共 ${(total / MB).toFixed(2)} MB`;
  } finally {
    uninstall();
  }
}

async function main(): Promise<void> {
  const root = path.join(__dirname, "..", "..");
  const grids = await readWorkbookFile(path.join(root, "test", "fixtures", "zhuzhou-2021-department.xlsx"));
  const form = grids.find((g) => g.sheet === "部门整体支出绩效自评表")!;
  const lines = ["任务窗格读取工作簿的往返次数（模拟的 Excel 网页版，非真实 Excel）："];
  for (const n of [1, 10, 40, 120])
    lines.push(
      await measure(
        `  ${n} 张株洲部门整体自评表，校验整个工作簿`,
        (fake) => {
          for (let i = 0; i < n; i++) fake.addGrid({ ...form, sheet: `表${i + 1}` });
        },
        "workbook",
      ),
    );
  lines.push(
    await measure(
      "  一个 3000 行 × 30 列、每格约 120 字的工作表",
      (fake) => {
        const cells: Record<string, string | number> = {};
        const text = "指标说明".repeat(30);
        for (let r = 0; r < 3000; r++) for (let c = 0; c < 30; c++) cells[toA1(r, c)] = c === 0 ? r : `${text}${r}-${c}`;
        fake.addSheet("大表", cells);
      },
      "active",
    ),
  );
  lines.push("  （问题单 16 之前：整个工作簿的值在一次往返中读出，上面“共”一栏超过 5 MB 的情形会被 Excel 网页版整体拒绝。）");
  process.stdout.write(`${lines.join("\n")}\n`);
}

void main();
