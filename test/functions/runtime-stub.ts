/**
 * The CustomFunctions global as Excel's runtime provides it to a functions file: an Error
 * class taking a code and a message, the ErrorCode strings, and associate() in both its
 * forms (id and function, or a map of them). It records what was associated, by id.
 */
export class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

type Fn = (...args: unknown[]) => unknown;

export interface InstalledRuntime {
  registry: Map<string, Fn>;
  /** How many associate() calls were made (one per id in the map form). */
  calls: number;
}

export function installCustomFunctions(): InstalledRuntime {
  const installed: InstalledRuntime = { registry: new Map(), calls: 0 };
  const associate = (idOrMap: string | Record<string, Fn>, fn?: Fn) => {
    const entries: [string, Fn][] = typeof idOrMap === "string" ? [[idOrMap, fn as Fn]] : Object.entries(idOrMap);
    for (const [id, f] of entries) {
      if (typeof f !== "function") throw new Error(`associate: ${id} is not a function`);
      installed.registry.set(id.toUpperCase(), f);
      installed.calls++;
    }
  };
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { Error: StubError, ErrorCode, associate };
  return installed;
}

export function removeCustomFunctions(): void {
  delete (globalThis as unknown as { CustomFunctions?: unknown }).CustomFunctions;
}
