/**
 * main.js of the WPS add-in: WPS makes an index.html in the add-in's folder, opens it and loads
 * main.js from it (WPS 开放平台「WPS 加载项开发说明」: 启动流程; "开发者应当避免在该目录下创建
 * index.html"), then reads ribbon.xml and calls the callbacks it names on this page's `ribbon`
 * object. This page registers the JXZP functions and opens the task pane:
 * `CreateTaskPane(url)` the first time, `GetTaskPane(id)` after (et-jsapi-declare index.d.ts;
 * wpsjs 2.2.3 et template js/ribbon.js keeps the id in PluginStorage the same way).
 */
import { FUNCTIONS_KEY } from "../taskpane/host/WpsHost";
import { wpsRoot, type WpsAddinRoot } from "../taskpane/host/wps-app";
import { registerWpsFunctions } from "./wps-functions";

const PANE_KEY = "jxzp.taskpane";
const SECTIONS: Record<string, string> = { jxzpValidate: "validate", jxzpFill: "fill", jxzpTemplate: "template" };
/** Kso.MsoCTPDockPosition.msoCTPDockPositionRight (et-jsapi-declare lib.kso.d.ts). */
const DOCK_RIGHT = 2;

interface Control {
  Id: string;
}

/** The add-in's folder as a URL, from main.js's own page (index.html sits beside it). */
export function addinBase(href: string): string {
  return href.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
}

export function openPane(root: WpsAddinRoot, section: string, base: string): void {
  const storage = root.PluginStorage;
  const url = `${base}taskpane.html#${section}`;
  const id = storage?.getItem(PANE_KEY);
  const existing = typeof id === "number" || typeof id === "string" ? root.GetTaskPane?.(Number(id)) : null;
  if (existing) {
    existing.Navigate(url);
    existing.Visible = true;
    return;
  }
  const pane = root.CreateTaskPane!(url, "绩效自评助手");
  pane.DockPosition = DOCK_RIGHT;
  pane.Visible = true;
  storage?.setItem(PANE_KEY, pane.ID);
}

export function makeRibbon(root: WpsAddinRoot | null, base: string) {
  return {
    /** The functions are registered when this script runs, before the ribbon loads. */
    OnAddinLoad(): boolean {
      return true;
    },
    OnAction(control: Control): boolean {
      if (!root?.CreateTaskPane) return false;
      openPane(root, SECTIONS[control.Id] ?? "validate", base);
      return true;
    },
    GetImage(): string {
      return "images/icon-32.png";
    },
    OnGetEnabled(): boolean {
      return Boolean(root?.CreateTaskPane);
    },
  };
}

declare global {
  interface Window {
    ribbon?: ReturnType<typeof makeRibbon>;
  }
}

if (typeof window !== "undefined") {
  const root = wpsRoot();
  window.ribbon = makeRibbon(root, addinBase(window.location.href));
  // At once, not in OnAddinLoad: custom functions must exist before a workbook's formulas recalculate.
  if (root) root.PluginStorage?.setItem(FUNCTIONS_KEY, registerWpsFunctions(root));
}
