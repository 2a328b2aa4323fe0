import { installCustomFunctions, StubError, type InstalledRuntime } from "./runtime-stub";

/**
 * Loads src/functions/functions.ts the way Excel's shared runtime does: CustomFunctions is
 * defined first, then the file runs and associates its functions. Calls go through the
 * registry, by id, as Excel makes them.
 */
export function loadEntryPoints(): InstalledRuntime & { call: (id: string, ...args: unknown[]) => unknown } {
  const installed = installCustomFunctions();
  jest.isolateModules(() => {
    // A fresh load per call, as the runtime loads the file once per page.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("../../src/functions/functions");
  });
  const call = (id: string, ...args: unknown[]) => {
    const f = installed.registry.get(id);
    if (!f) throw new Error(`no function associated with ${id}`);
    return f(...args);
  };
  return { ...installed, call };
}

/** The error a cell shows: its code and message; null for a value. */
export function errorOf(v: unknown): { code: string; message: string } | null {
  return v instanceof StubError ? { code: v.code, message: v.message ?? "" } : null;
}
