import { FluentProvider, makeStyles, Tab, TabList, tokens, webLightTheme } from "@fluentui/react-components";
import { useState } from "react";
import { ALL_CAPABLE, type WorkbookHost } from "../host/WorkbookHost";
import { FillPanel } from "./FillPanel";
import { FinalizePanel } from "./FinalizePanel";
import { Notice } from "./Notice";
import { TemplatePanel } from "./TemplatePanel";
import { ValidatePanel, type Written } from "./ValidatePanel";

const useStyles = makeStyles({
  root: { padding: "8px 12px 24px 12px", fontFamily: tokens.fontFamilyBase, color: tokens.colorNeutralForeground1 },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: "4px 0 0 0" },
  subtitle: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, margin: "0 0 8px 0" },
  body: { marginTop: "8px" },
});

export type Section = "validate" | "fill" | "template" | "finalize";

/**
 * The task pane: the same components in Excel, in WPS, in preview.html and on the web page; only
 * the host differs. `checkOnOpen`: validate and mark the active sheet at once (the web page
 * opening a form from its batch review).
 */
export function App({ host, initialSection = "validate", checkOnOpen = false }: { host: WorkbookHost; initialSection?: Section; checkOnOpen?: boolean }) {
  const s = useStyles();
  const [section, setSection] = useState<Section>(initialSection);
  const [written, setWritten] = useState<Written>({ count: 0, sheet: null });
  // What this Excel (or WPS, or the web page) can do; a missing feature says which version it needs.
  const [caps] = useState(() => host.capabilities?.() ?? ALL_CAPABLE);
  return (
    <FluentProvider theme={webLightTheme} lang="zh-CN">
      <main className={s.root} data-testid="pane">
        <h1 className={s.title}>绩效自评助手</h1>
        <p className={s.subtitle}>校验预算绩效自评表，按规则填写得分。</p>
        {caps.formulas.ok ? null : <Notice notice={{ intent: "warning", text: caps.formulas.needs }} />}
        <TabList selectedValue={section} onTabSelect={(_, d) => setSection(d.value as Section)} size="small">
          <Tab value="validate" data-testid="tab-validate">
            校验
          </Tab>
          <Tab value="fill" data-testid="tab-fill">
            填写得分
          </Tab>
          <Tab value="template" data-testid="tab-template">
            插入模板
          </Tab>
          <Tab value="finalize" data-testid="tab-finalize">
            定稿
          </Tab>
        </TabList>
        {/* Panels stay mounted so results and choices survive switching tabs. */}
        <div className={s.body} hidden={section !== "validate"}>
          <ValidatePanel host={host} written={written} caps={caps} onFinalize={() => setSection("finalize")} checkOnOpen={checkOnOpen} />
        </div>
        <div className={s.body} hidden={section !== "fill"}>
          {caps.fill.ok ? (
            <FillPanel host={host} onWritten={(sheet) => setWritten((w) => ({ count: w.count + 1, sheet }))} />
          ) : (
            <Notice notice={{ intent: "warning", title: "无法填写", text: caps.fill.needs }} />
          )}
        </div>
        <div className={s.body} hidden={section !== "template"}>
          {caps.templates.ok ? <TemplatePanel host={host} /> : <Notice notice={{ intent: "warning", title: "无法插入模板", text: caps.templates.needs }} />}
        </div>
        <div className={s.body} hidden={section !== "finalize"}>
          <FinalizePanel host={host} capability={caps.finalize} />
        </div>
      </main>
    </FluentProvider>
  );
}
