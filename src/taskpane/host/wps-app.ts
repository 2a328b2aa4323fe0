/// <reference types="et-jsapi-declare" />
/**
 * Where the WPS 表格 object model comes from, in a page WPS opened for the add-in.
 *
 * Sources (cited in README「在 WPS 表格中使用」):
 * - et-jsapi-declare 2.5.0 (Kingsoft's declarations, used unmodified as a dev dependency)
 *   index.d.ts: the global `Application` (and `wps`) is `WPS.AddonRoot & WPS.EtAddonRoot &
 *   Et.Application` — "推荐使用此方式：获取当前应用程序的Application对象"; `EtApplication` is
 *   marked "@deprecated 已废弃，请使用全局Application对象".
 * - Older WPS samples (wpsjs-next, csdn "WPS加载项介绍") call `wps.EtApplication()`; kept as
 *   the fallback for builds that only have that.
 */

export type EtApplication = Et.Application;
export type EtWorkbook = Et.Workbook;
export type EtWorksheet = Et.Worksheet;
export type EtRange = Et.Range;

/** What an add-in page's global object offers beside the spreadsheet (index.d.ts, addon.et.d.ts). */
export interface WpsAddinRoot {
  PluginStorage?: { getItem(key: string): unknown; setItem(key: string, value: unknown): void };
  ApiEvent?: {
    AddApiEventListener(name: string, callback: (...args: unknown[]) => void): void;
    RemoveApiEventListener(name: string, callback?: (...args: unknown[]) => void): void;
  };
  AddCustomFunction?: (namespace: string, name: string, callback: (...args: unknown[]) => unknown, metadata?: unknown) => void;
  CreateTaskPane?: (url: string, title?: string) => { ID: number; Visible: boolean; DockPosition: number; Width: number; Navigate(url: string): void };
  GetTaskPane?: (id: number) => { ID: number; Visible: boolean; DockPosition: number; Width: number; Navigate(url: string): void } | null;
  EtApplication?: unknown;
  Enum?: Record<string, number>;
}

type Root = Partial<Et.Application> & WpsAddinRoot;

/** The page's WPS root, or null outside WPS. */
export function wpsRoot(win: unknown = typeof window === "undefined" ? undefined : window): Root | null {
  if (!win || typeof win !== "object") return null;
  const w = win as { Application?: unknown; wps?: unknown };
  const root = (w.Application ?? w.wps) as Root | undefined;
  return root && typeof root === "object" ? root : null;
}

/** The ET application: the global Application when it is one, else the older `wps.EtApplication()`. */
export function etApplication(root: Root | null): EtApplication | null {
  if (!root) return null;
  // A property read, not `in`: WPS's objects are bindings, not plain objects.
  if ((root as { Workbooks?: unknown }).Workbooks !== undefined) return root as unknown as EtApplication;
  const legacy = root.EtApplication;
  if (typeof legacy === "function") return (legacy as () => EtApplication).call(root);
  if (legacy && typeof legacy === "object") return legacy as EtApplication;
  return null;
}
