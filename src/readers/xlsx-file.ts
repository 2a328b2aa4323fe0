/** An .xlsx file or buffer read straight to grids: for the tests and tools that run in Node (Node's zlib unpacks it). */
import * as fs from "fs";
import type { Grid } from "../scoring/grid/grid";
import { ReadError } from "./read-error";
import { readXlsx } from "./xlsx";
import { openZipNative } from "./zip-native";

/** Reads .xlsx bytes into one grid per worksheet. Throws ReadError when they are not a workbook. */
export async function readWorkbookBuffer(data: ArrayBuffer | Uint8Array): Promise<Grid[]> {
  const pkg = await openZipNative(data instanceof Uint8Array ? data : new Uint8Array(data));
  if (pkg.kind !== "xlsx") throw new ReadError("corrupt-xlsx", { what: "压缩包中没有工作簿内容" });
  return (await readXlsx(pkg)).grids;
}

/** Reads an .xlsx file into one grid per worksheet. */
export async function readWorkbookFile(file: string): Promise<Grid[]> {
  return readWorkbookBuffer(new Uint8Array(await fs.promises.readFile(file)));
}
