/**
 * The JXZP functions in HyperFormula, for tests only (HyperFormula is GPL-licensed here and
 * must never reach the add-in's bundle). Each function calls the entry point Excel calls,
 * from src/functions/functions.ts, with the CustomFunctions global stubbed as Excel
 * provides it; a CustomFunctions.Error comes back as HyperFormula's #VALUE! or #N/A.
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula } from "hyperformula";
import type { ImplementedFunctions } from "hyperformula";
import { ENTRY_POINTS } from "../../src/functions/functions";

class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

// functions.ts reads CustomFunctions when a formula fails; Excel's runtime defines it before the file runs.
(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: StubError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  associate: () => undefined,
};

type EntryId = keyof typeof ENTRY_POINTS;

/** How many times each entry point was called, so tests can show the formulas really ran. */
export const calls: Record<string, number> = {};

/** Excel passes a blank cell or an omitted argument as null. */
function toExcelArg(v: unknown): unknown {
  return v === EmptyValue || v === undefined ? null : v;
}

function call(id: EntryId, args: unknown[]): number | string | CellError {
  calls[id] = (calls[id] ?? 0) + 1;
  const f = ENTRY_POINTS[id] as (...a: unknown[]) => unknown;
  const out = f(...args.map(toExcelArg));
  if (out instanceof StubError) return new CellError(out.code === "#N/A" ? ErrorType.NA : ErrorType.VALUE, out.message);
  if (typeof out === "number" || typeof out === "string") return out;
  return new CellError(ErrorType.VALUE, `意外的结果：${String(out)}`);
}

const ARITY: Record<EntryId, [required: number, optional: number]> = {
  EXECRATE: [2, 0],
  EXECSCORE: [3, 0],
  SCORE: [3, 2],
  COMPLETION: [2, 1],
  GRADE: [1, 1],
  READVALUE: [1, 0],
};

const IDS = Object.keys(ARITY) as EntryId[];

function metadata(): ImplementedFunctions {
  const out: ImplementedFunctions = {};
  for (const id of IDS) {
    const [required, optional] = ARITY[id];
    out[`JXZP.${id}`] = {
      method: `jxzp${id}`,
      parameters: [
        // NOERROR: an error in an argument comes back unchanged, as Excel does for custom functions.
        ...Array.from({ length: required }, () => ({ argumentType: FunctionArgumentType.NOERROR })),
        ...Array.from({ length: optional }, () => ({ argumentType: FunctionArgumentType.NOERROR, optionalArg: true })),
      ],
    };
  }
  return out;
}

type Ast = { args: unknown[] };

export class JxzpPlugin extends FunctionPlugin {
  static override implementedFunctions = metadata();
  static translations = { enGB: Object.fromEntries(IDS.map((id) => [`JXZP.${id}`, `JXZP.${id}`])) };
}

// One method per function, each running through HyperFormula's argument handling.
for (const id of IDS) {
  (JxzpPlugin.prototype as unknown as Record<string, unknown>)[`jxzp${id}`] = function (this: FunctionPlugin, ast: Ast, state: unknown) {
    const self = this as unknown as {
      runFunction: (args: unknown[], state: unknown, meta: unknown, f: (...a: unknown[]) => unknown) => unknown;
      metadata: (name: string) => unknown;
    };
    return self.runFunction(ast.args, state, self.metadata(`JXZP.${id}`), (...a: unknown[]) => call(id, a));
  };
}

let registered = false;

/** Registers the plugin once per test file. */
export function registerJxzp(): void {
  if (registered) return;
  HyperFormula.registerFunctionPlugin(JxzpPlugin, JxzpPlugin.translations);
  registered = true;
}
