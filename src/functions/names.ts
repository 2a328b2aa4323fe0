import table from "./names.zh-CN.json";

/**
 * The Chinese names of the functions and their arguments, keyed by function id and by the
 * argument's name in the source. One table serves both the zh-CN metadata file (derived at
 * build time) and the messages the functions return, so a name is written once.
 */
export interface LocalParameter {
  name: string;
  description: string;
}

export interface LocalFunction {
  name: string;
  description: string;
  parameters: Record<string, LocalParameter>;
}

export type FunctionId = "EXECRATE" | "EXECSCORE" | "SCORE" | "COMPLETION" | "GRADE" | "READVALUE";

export const ZH_CN: Record<FunctionId, LocalFunction> = table;

/** The Chinese name of one argument, as messages quote it: 「预算数」. */
export function argName(id: FunctionId, param: string): string {
  return ZH_CN[id].parameters[param]?.name ?? param;
}
