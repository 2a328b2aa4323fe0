/**
 * The JXZP functions in WPS 表格, registered the way WPS documents for add-in custom functions:
 * `wps.AddCustomFunction(namespace, name, callback, metadata)` (WPS 开放平台「加载项自定义函数」:
 * "wps 自从12.1.0.20540版本开始支持加载项自定义函数"; "如果直接使用wps.AddCustomFunction来注册
 * 自定义函数和元数据,那么不需要functions.json和manifest.xml"; the metadata's shape is
 * et-jsapi-declare 2.5.0 addon.et.d.ts `AddCustomFunction`; wpsjs 2.2.3 src/vite_plugins.js
 * generates the same call behind `if (wps.AddCustomFunction)`). Formulas are called as
 * `命名空间.函数名(参数)`: `=JXZP.SCORE(…)` as the add-in writes them, and the Chinese names
 * (`=JXZP.指标得分(…)`) from names.zh-CN.json beside them (WPS is Chinese-first).
 *
 * One implementation with Excel's: each callback is the same formula of ../functions/formulas.ts.
 * Calls are synchronous in WPS ("调用方式目前只支持同步式调用"). A failure throws its Chinese
 * message: WPS shows an error value in the cell (the exact value is for the checklist to see).
 */
import * as formulas from "../functions/formulas";
import { ZH_CN, type FunctionId } from "../functions/names";
import { isFailure, type Outcome } from "../functions/outcome";
import type { WpsAddinRoot } from "../taskpane/host/wps-app";

export const NAMESPACE = "JXZP";

type Formula = (...args: unknown[]) => Outcome;

/** The formulas by id, with their parameters in order (the order the functions take them). */
export const WPS_FUNCTIONS: Record<FunctionId, { formula: Formula; params: string[] }> = {
  EXECRATE: { formula: formulas.execRate as Formula, params: ["budget", "spent"] },
  EXECSCORE: { formula: formulas.execScore as Formula, params: ["weight", "budget", "spent"] },
  SCORE: { formula: formulas.score as Formula, params: ["weight", "target", "actual", "direction", "negativeMode"] },
  COMPLETION: { formula: formulas.completion as Formula, params: ["target", "actual", "direction"] },
  GRADE: { formula: formulas.grade as Formula, params: ["total", "scheme"] },
  READVALUE: { formula: formulas.readValue as Formula, params: ["text"] },
};

/** A range argument may arrive as a one-cell array; the formulas take the value. */
function scalar(v: unknown): unknown {
  let x = v;
  while (Array.isArray(x) && x.length === 1) x = x[0];
  return x;
}

/** The callback WPS calls: the formula's figure or text, or an exception carrying the Chinese reason. */
export function wpsCallback(id: FunctionId): (...args: unknown[]) => number | string {
  const { formula } = WPS_FUNCTIONS[id];
  return (...args: unknown[]) => {
    let out: Outcome;
    try {
      out = formula(...args.map(scalar));
    } catch (e) {
      throw new Error(`计算出错：${e instanceof Error ? e.message : String(e)}`);
    }
    if (isFailure(out)) throw new Error(out.message);
    return out;
  };
}

export function metadataOf(id: FunctionId) {
  const local = ZH_CN[id];
  return {
    description: local.description,
    result: { type: id === "GRADE" ? "string" : "any" },
    parameters: WPS_FUNCTIONS[id].params.map((p) => ({ name: local.parameters[p]?.name ?? p, type: "any", description: local.parameters[p]?.description ?? "" })),
  };
}

/**
 * Registers every function under its id and its Chinese name. Returns "ok" when WPS took them,
 * "missing" when this WPS has no AddCustomFunction (before 12.1.0.20540), "failed" when it refused.
 */
export function registerWpsFunctions(root: WpsAddinRoot | null): "ok" | "missing" | "failed" {
  const add = root?.AddCustomFunction;
  if (typeof add !== "function") return "missing";
  let ok = true;
  for (const id of Object.keys(WPS_FUNCTIONS) as FunctionId[]) {
    const callback = wpsCallback(id);
    const meta = metadataOf(id);
    for (const name of [id, ZH_CN[id].name]) {
      try {
        add.call(root, NAMESPACE, name, callback, meta);
      } catch {
        // The id is what the add-in writes; a refused Chinese alias costs only the alias.
        if (name === id) ok = false;
      }
    }
  }
  return ok ? "ok" : "failed";
}
