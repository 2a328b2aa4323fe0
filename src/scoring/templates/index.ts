/** Blank official forms as data, and the host-neutral SheetBuild they become (issue 5). */
export * from "./build";
export * from "./definitions";
export * from "./options";
export * from "./sheet-build";
export * from "./sheet-name";
export * from "./styles";
export * from "./weights";
export * from "./filling-hint";
