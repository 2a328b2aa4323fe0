/**
 * The web page's checking worker: reads each file it is handed and checks it with the CLI's own
 * code (checkDocument), returning only the result (no workbook crosses back). Started from a
 * Blob URL made of this bundle's text, which the page carries inline.
 */
import "../polyfills";
import { checkDocument } from "../../cli/check-document";
import { READ_LIMITS, ReadError, describeReadError } from "../../readers/read-error";
import type { CheckReply, CheckRequest } from "./messages";

const scope = self as unknown as { onmessage: ((e: MessageEvent<CheckRequest>) => void) | null; postMessage(m: CheckReply): void };

scope.onmessage = (e) => {
  const { id, file, name } = e.data;
  void (async () => {
    let reply: CheckReply;
    try {
      // The CLI's limit, said in its words.
      if (file.size > READ_LIMITS.fileMegabytes * 1024 * 1024) throw new ReadError("file-too-large");
      const bytes = new Uint8Array(await file.arrayBuffer());
      reply = { id, result: await checkDocument(bytes, name, undefined) };
    } catch (err) {
      reply = { id, result: { file: name, error: describeReadError(err), sheets: [] } };
    }
    scope.postMessage(reply);
  })();
};
