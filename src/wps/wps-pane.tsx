import { createRoot } from "react-dom/client";
import { App, type Section } from "../taskpane/components/App";
import { NoHost } from "../taskpane/components/NoHost";
import { WpsHost } from "../taskpane/host/WpsHost";
import { etApplication, wpsRoot } from "../taskpane/host/wps-app";

/** The section a ribbon button asked for (`taskpane.html#fill`). */
export function sectionOf(hash: string): Section {
  const s = hash.replace(/^#/, "");
  return s === "fill" || s === "template" ? s : "validate";
}

/** The task pane in WPS: the same App as in Excel, over WpsHost; a Chinese page outside WPS. */
export function mountWpsPane(el: HTMLElement, win: Window = window): void {
  const root = createRoot(el);
  const wps = wpsRoot(win);
  if (!etApplication(wps)) {
    root.render(<NoHost reason="no-wps" />);
    return;
  }
  const render = () => root.render(<App key={win.location.hash} host={new WpsHost(() => etApplication(wpsRoot(win)), wps)} initialSection={sectionOf(win.location.hash)} />);
  render();
  // A ribbon button navigates the open pane to another section.
  win.addEventListener("hashchange", render);
}
