import type { FileResult } from "../../cli/file-result";

/** A file to check: the File itself (a handle; the worker reads it) and the name the outputs show. */
export interface CheckRequest {
  id: number;
  file: Blob;
  name: string;
}

export interface CheckReply {
  id: number;
  result: FileResult;
}
