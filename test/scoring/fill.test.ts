import { evaluateOneForm } from "./one-form";
import { planFill } from "../../src/scoring/fill/fill";
import { edit, fixtureGrid } from "./fixture-grid";

const byCell = (plan: ReturnType<typeof planFill>) => Object.fromEntries(plan.writes.map((w) => [w.cell, w.value]));

test("部门整体: only the empty execution score is written unless overwriting is asked for", async () => {
  const g = await fixtureGrid("zhuzhou-2021-department.xlsx", "部门整体支出绩效自评表");
  const plan = planFill(g, evaluateOneForm(g));
  expect(byCell(plan)).toEqual({ H4: 10 });
  expect(plan.writes[0]).toMatchObject({ kind: "execution", current: null, formula: "=JXZP.EXECSCORE(F4,D4,E4)" });
  expect(plan.skipped.map((s) => s.cell)).toEqual(["H11", "H12"]);
  // With H4 filled the stated scores add up to the stated 98, so the total cell is left as it is.
  expect(plan.writes.find((w) => w.kind === "total")).toBeUndefined();
});

test("部门整体 with overwrite: the rule scores, then the total of the cells as they will be", async () => {
  const g = await fixtureGrid("zhuzhou-2021-department.xlsx", "部门整体支出绩效自评表");
  const plan = planFill(g, evaluateOneForm(g), { overwrite: true });
  expect(byCell(plan)).toEqual({ H4: 10, H11: 1.95, H12: 1.93, H36: 99.88 });
  const total = plan.writes.find((w) => w.cell === "H36")!;
  expect(total).toMatchObject({ kind: "total", current: 98, formula: "=SUM(H4,H11:H35)" });
  // The stated 等级：优 already agrees with 99.88.
  expect(plan.writes.find((w) => w.kind === "grade")).toBeUndefined();
});

test("a blank form gets every score, the total and the grade", async () => {
  const g = await fixtureGrid("zhuzhou-2021-department.xlsx", "医保业务经办专项经费");
  const blanks: Record<string, string | null> = { H7: null, H36: null, I36: "等级：" };
  for (let r = 14; r <= 35; r++) blanks[`H${r}`] = null;
  const plan = planFill(edit(g, blanks), evaluateOneForm(edit(g, blanks)));
  const cells = byCell(plan);
  expect(cells.H7).toBe(10);
  expect(cells.H14).toBe(5);
  expect(cells.H36).toBe(100);
  expect(cells.I36).toBe("等级：优");
  expect(plan.writes.find((w) => w.cell === "I36")!.formula).toBe('="等级："&JXZP.GRADE(H36)');
  expect(plan.writes.filter((w) => w.kind === "score")).toHaveLength(19);
  expect(plan.pending).toEqual([]);
});

test("a kept score that pushes the sum past full marks: no total, no grade written, and the plan says why", async () => {
  const g = await fixtureGrid("zhuzhou-2021-department.xlsx", "医保业务经办专项经费");
  const blanks: Record<string, string | number | null> = { H7: null, H36: null, I36: "等级：", H15: 1e21 };
  for (let r = 16; r <= 35; r++) blanks[`H${r}`] = null;
  const plan = planFill(edit(g, blanks), evaluateOneForm(edit(g, blanks)));
  expect(plan.writes.filter((w) => w.kind === "total" || w.kind === "grade")).toEqual([]);
  expect(plan.skipped.find((s) => s.cell === "H36")?.reason).toBe("各项得分之和大得不合常理，未写总分和等级；请先核对各项得分。");
  const over = { ...blanks, H15: 9 };
  const plan2 = planFill(edit(g, over), evaluateOneForm(edit(g, over)));
  expect(plan2.writes.filter((w) => w.kind === "total" || w.kind === "grade")).toEqual([]);
  expect(plan2.skipped.find((s) => s.cell === "H36")?.reason).toMatch(/^各项得分之和 10\d(\.\d+)? 超过满分 100，未写总分和等级/);
});

test("a row the rule cannot decide waits for a person's tier, then takes the chosen score", async () => {
  const g = await fixtureGrid("zhuzhou-2021-department.xlsx", "中央补助医疗服务与保障能力提升");
  const blank = edit(g, { H23: null, H29: null });
  const report = evaluateOneForm(blank);
  const waiting = planFill(blank, report);
  expect(waiting.pending.map((p) => p.cell)).toEqual(["H23"]);
  expect(waiting.pending[0].tiers.map((t) => [t.label, t.min, t.max])).toEqual([
    ["达成", 8, 10],
    ["部分达成", 6, 8],
    ["未达成", 0, 6],
  ]);
  expect(waiting.writes.find((w) => w.cell === "H29")).toBeUndefined();
  const chosen = planFill(blank, report, { choices: { H23: 8 } });
  expect(byCell(chosen)).toEqual({ H23: 8, H29: 98 });
  // Out of range choices are not written.
  expect(planFill(blank, report, { choices: { H23: 12 } }).pending).toHaveLength(1);
});

test("completion forms and non-forms have nothing to fill", async () => {
  const g = await fixtureGrid("panzhihua-2021-completion.xlsx", "城乡医疗救助资金");
  const plan = planFill(g, evaluateOneForm(g));
  expect(plan.writes).toEqual([]);
  expect(plan.skipped[0].reason).toMatch(/不计分/);
});
