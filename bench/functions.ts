/**
 * SCORE calls per second through the entry point Excel calls, on mixed inputs as a sheet of
 * self-evaluation forms holds them. The bar is 200,000 a second: a sheet of thousands of
 * scores must recalculate at once.
 */
type Fn = (...args: unknown[]) => unknown;

const INPUTS: unknown[][] = [
  [12.9, 20400, "19745人"],
  [2, "240000 万元", "233443.2 万元"],
  [5, "≥95%", 0.97],
  [10, "≥95%", "90%"],
  [7, "≤30 分钟", "≤30 分钟"],
  [10, "≤500万元", "625万元", "", "偏离"],
  [3, "≥60%", "100%"],
  [10, "显著提升", "市级优秀窗口单位"],
  [6, "稳步提高", "稳步提高"],
  [11, "≥24万人", "≥24万人"],
  ["２", "１００％", "９８％"],
  [null, null, null],
  [5, "≥2 次", "2 次"],
  [4, "≥6 个月", "≥6 个月"],
  [10, "2021年底前", "已完成"],
  [5, "100%", 1],
];

/** The functions file needs the runtime's CustomFunctions; outside Excel a minimal one stands in. */
function stubRuntime(): Map<string, Fn> {
  const registry = new Map<string, Fn>();
  class Error {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  const g = globalThis as unknown as { CustomFunctions?: unknown };
  g.CustomFunctions = {
    Error,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    associate: (map: Record<string, Fn>) => Object.entries(map).forEach(([id, f]) => registry.set(id, f)),
  };
  return registry;
}

/** Distinct rows, as a first calculation of a large sheet meets them: no two alike. */
function distinctRows(n: number, seed: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const k = seed + i;
    switch (i % 4) {
      case 0:
        rows.push([10, 20000 + k, `${19000 + k}人`]);
        break;
      case 1:
        rows.push([5, "≥95%", 0.5 + (k % 100000) / 200000]);
        break;
      case 2:
        rows.push([2, `${240000 + k} 万元`, `${233000 + k / 10} 万元`]);
        break;
      default:
        rows.push([7, "≤30 分钟", `${20 + (k % 1000) / 100}分钟`]);
    }
  }
  return rows;
}

function perSecond(calls: number, ns: number): number {
  return Math.round(calls / (ns / 1e9));
}

export async function benchFunctions(): Promise<string[]> {
  const registry = stubRuntime();
  await import("../src/functions/functions");
  const score = registry.get("SCORE");
  if (!score) return ["JXZP.SCORE：未注册，无法测速"];

  // Warm: a sheet recalculating, the same mixed inputs again and again, for about a second.
  for (let i = 0; i < 20000; i++) score(...INPUTS[i % INPUTS.length]);
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 1e9) {
    for (let i = 0; i < 10000; i++) score(...INPUTS[i % INPUTS.length]);
    calls += 10000;
    elapsed = Number(process.hrtime.bigint() - start);
  }
  const warm = perSecond(calls, elapsed);

  // Cold: every input new (a first calculation), after a JIT warm-up on other rows.
  for (const r of distinctRows(20000, 10000000)) score(...r);
  const rows = distinctRows(50000, 0);
  const t = process.hrtime.bigint();
  for (const r of rows) score(...r);
  const cold = perSecond(rows.length, Number(process.hrtime.bigint() - t));

  const verdict = warm >= 200000 ? "达标" : "未达标";
  const n = (x: number) => x.toLocaleString("en-US");
  return [
    `JXZP.SCORE 指标得分：每秒 ${n(warm)} 次（${INPUTS.length} 种混合输入反复重算；要求 ≥ 200,000 次/秒，${verdict}）`,
    `JXZP.SCORE 首次计算（每次输入都不同，${n(rows.length)} 次）：每秒 ${n(cold)} 次`,
  ];
}
