/** The scoring core: no Office, no files; grids in, findings, scores and fill plans out. */
export * from "./address";
export * from "./amount";
export * from "./columns";
export * from "./decimal";
export * from "./evaluate";
export * from "./fill";
export * from "./findings";
export * from "./grade";
export * from "./grid";
export * from "./layout";
export * from "./measure";
export * from "./profiles";
export * from "./report";
export * from "./rules";
export * from "./text";
export * from "./units";
