/**
 * The WPS add-in's own page (main.js): the ribbon's callbacks and the JXZP functions as WPS
 * registers them, against the fake WPS.
 */
import * as formulas from "../../src/functions/formulas";
import { ZH_CN } from "../../src/functions/names";
import { FUNCTIONS_KEY } from "../../src/taskpane/host/WpsHost";
import { addinBase, makeRibbon } from "../../src/wps/main";
import { metadataOf, registerWpsFunctions, WPS_FUNCTIONS } from "../../src/wps/wps-functions";
import { sectionOf } from "../../src/wps/wps-pane";
import { FakeEt } from "./fake-et";

const blank = () => new FakeEt([{ sheet: "Sheet1", origin: { row: 0, col: 0 }, values: [], merges: [] }]);

describe("the ribbon", () => {
  test("校验 opens the pane once, docked right; 填写得分 then shows the same pane at its tab", () => {
    const fake = blank();
    const ribbon = makeRibbon(fake.root as never, addinBase("file:///C:/Users/u/AppData/Roaming/kingsoft/wps/jsaddons/jxzp_0.1.0/index.html"));
    expect(ribbon.OnGetEnabled()).toBe(true);
    expect(ribbon.OnAction({ Id: "jxzpValidate" })).toBe(true);
    expect(fake.panes).toEqual([{ ID: 1000, url: "file:///C:/Users/u/AppData/Roaming/kingsoft/wps/jsaddons/jxzp_0.1.0/taskpane.html#validate", Visible: true, DockPosition: 2 }]);
    fake.panes[0].Visible = false;
    ribbon.OnAction({ Id: "jxzpFill" });
    expect(fake.panes).toHaveLength(1);
    expect(fake.panes[0]).toMatchObject({ Visible: true, url: expect.stringMatching(/taskpane\.html#fill$/) });
    expect(ribbon.GetImage()).toBe("images/icon-32.png");
  });

  test("outside WPS the buttons are off and do nothing", () => {
    const ribbon = makeRibbon(null, "http://x/");
    expect(ribbon.OnGetEnabled()).toBe(false);
    expect(ribbon.OnAction({ Id: "jxzpValidate" })).toBe(false);
  });

  test("the pane opens at the tab the button asked for", () => {
    expect(["#fill", "#template", "#validate", "", "#x"].map(sectionOf)).toEqual(["fill", "template", "validate", "validate", "validate"]);
  });
});

describe("the JXZP functions in WPS", () => {
  test("each function under its id and its Chinese name, with Chinese metadata; WPS without AddCustomFunction is told apart", () => {
    const fake = blank();
    expect(registerWpsFunctions(fake.root as never)).toBe("ok");
    const names = [...fake.functions.keys()].sort();
    const ids = Object.keys(WPS_FUNCTIONS);
    expect(names).toEqual([...ids.map((id) => `JXZP.${id}`), ...ids.map((id) => `JXZP.${ZH_CN[id as keyof typeof ZH_CN].name}`)].sort());
    expect(fake.functionMeta.get("JXZP.SCORE")).toEqual(metadataOf("SCORE"));
    expect(metadataOf("SCORE").parameters.map((p) => p.name)).toEqual(["分值", "年度指标值", "实际完成值", "方向", "反向口径"]);
    expect(registerWpsFunctions(blank().root as never)).toBe("ok");
    expect(registerWpsFunctions(new FakeEt([], { functions: false }).root as never)).toBe("missing");
    expect(registerWpsFunctions(null)).toBe("missing");
  });

  test("one implementation with Excel's: every result equals formulas.ts; a failure throws its Chinese reason", () => {
    const fake = blank();
    registerWpsFunctions(fake.root as never);
    const call = (name: string, ...a: unknown[]) => fake.functions.get(`JXZP.${name}`)!(...a);
    const cases: [keyof typeof WPS_FUNCTIONS, unknown[]][] = [
      ["EXECRATE", [2060, 2059.18]],
      ["EXECSCORE", [20, 2060, 2059.18]],
      ["SCORE", [12.9, 20400, "19745人"]],
      ["SCORE", [2, "240000 万元", "233443.2 万元"]],
      ["COMPLETION", ["160000人", "153428人"]],
      ["GRADE", [94, "好较好一般差"]],
      ["READVALUE", ["95%以上"]],
      ["SCORE", [null, null, null]],
    ];
    for (const [id, args] of cases) {
      const expected = (WPS_FUNCTIONS[id].formula as (...x: unknown[]) => unknown)(...args);
      expect(call(id, ...args)).toEqual(expected);
      expect(call(ZH_CN[id].name, ...args)).toEqual(expected);
    }
    // A one-cell range may arrive as [[v]].
    expect(call("READVALUE", [["≥24万人"]])).toBe(24);
    expect(() => call("EXECRATE", 0, 5)).toThrow(/预算数/);
    expect(() => call("SCORE", 10, "达到", "部分达到", "定性")).toThrow(/需人工判定/);
    expect(formulas.execScore(20, 2060, 2059.18)).toBe(19.99);
  });

  test("main.js tells the pane, through PluginStorage, whether WPS took the functions", () => {
    const fake = blank();
    fake.storage.set(FUNCTIONS_KEY, registerWpsFunctions(fake.root as never));
    expect(fake.storage.get(FUNCTIONS_KEY)).toBe("ok");
  });
});
