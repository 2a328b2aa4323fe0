import { createRoot } from "react-dom/client";
import { App } from "./components/App";
import { NoHost, NoHostReason } from "./components/NoHost";
import { OfficeHost } from "./host/OfficeHost";
import { NEEDS } from "./host/office-capabilities";

/** How long to wait for Office.onReady before saying so (it answers at once outside Office). */
const READY_TIMEOUT_MS = 10000;

function start(): void {
  const el = document.getElementById("root");
  // The inline ES5 script of taskpane.html found an old webview and has said so in Chinese.
  if (!el || (window as Window & { __jxzpOldWebview?: boolean }).__jxzpOldWebview) return;
  const root = createRoot(el);
  const noHost = (reason: NoHostReason) => root.render(<NoHost reason={reason} />);
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") {
    noHost("no-office");
    return;
  }
  let settled = false;
  const timer = setTimeout(() => {
    if (!settled) noHost("timeout");
  }, READY_TIMEOUT_MS);
  void Office.onReady((info) => {
    settled = true;
    clearTimeout(timer);
    // Outside Office, onReady reports no host: say so rather than show an empty pane.
    if (!info || String(info.host) !== "Excel") {
      noHost("not-excel");
      return;
    }
    // Validation needs ExcelApi 1.4; every other feature checks its own set (office-capabilities.ts).
    if (!Office.context.requirements.isSetSupported("ExcelApi", NEEDS.validate)) {
      noHost("old-excel");
      return;
    }
    root.render(<App host={new OfficeHost()} />);
  });
}

start();
