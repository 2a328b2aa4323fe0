import { FluentProvider, makeStyles, Tab, TabList, tokens, webLightTheme } from "@fluentui/react-components";
import { useState } from "react";
import { PROGRAM_NAME, PROGRAM_VERSION, RULES_BASIS, RULES_YEAR } from "../program";
import { FillView, type OpenRequest } from "./fill/FillView";
import { ReviewView } from "./review/ReviewView";
import { TemplateView } from "./template/TemplateView";

const useStyles = makeStyles({
  page: { display: "flex", flexDirection: "column", height: "100vh", fontFamily: tokens.fontFamilyBase, color: tokens.colorNeutralForeground1 },
  top: { display: "flex", flexWrap: "wrap", gap: "4px 16px", alignItems: "baseline", padding: "6px 16px", background: "#107c41", color: "#fff" },
  brand: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  meta: { fontSize: tokens.fontSizeBase200 },
  tabs: { padding: "0 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  body: { flex: 1, minHeight: 0 },
});

type Use = "fill" | "review" | "template";

/** The web page: the three uses of the tool in one offline file (issue 19). */
export function WebApp() {
  const s = useStyles();
  const [use, setUse] = useState<Use>("fill");
  const [request, setRequest] = useState<OpenRequest | null>(null);
  return (
    <FluentProvider theme={webLightTheme} lang="zh-CN" style={{ height: "100%" }}>
      <div className={s.page}>
        <header className={s.top}>
          <h1 className={s.brand}>{`${PROGRAM_NAME} · 网页版`}</h1>
          <span className={s.meta} data-testid="program-version">{`版本 ${PROGRAM_VERSION}；评分规则：${RULES_BASIS}（${RULES_YEAR} 年）`}</span>
          <span className={s.meta}>本网页不联网：文件只在本机浏览器中处理，不上传。</span>
        </header>
        <nav className={s.tabs} aria-label="用途">
          <TabList selectedValue={use} onTabSelect={(_, d) => setUse(d.value as Use)}>
            <Tab value="fill" data-testid="use-fill">
              填写自评表
            </Tab>
            <Tab value="review" data-testid="use-review">
              复核一批
            </Tab>
            <Tab value="template" data-testid="use-template">
              空白表样
            </Tab>
          </TabList>
        </nav>
        {/* Each use stays mounted: an opened form and a batch's results survive switching. */}
        <main className={s.body} hidden={use !== "fill"}>
          <FillView request={request} />
        </main>
        <main className={s.body} hidden={use !== "review"}>
          <ReviewView
            onOpen={(file, name, sheet) => {
              setRequest((r) => ({ file, name, sheet, key: (r?.key ?? 0) + 1 }));
              setUse("fill");
            }}
          />
        </main>
        <main className={s.body} hidden={use !== "template"}>
          <TemplateView />
        </main>
      </div>
    </FluentProvider>
  );
}
