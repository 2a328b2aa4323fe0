import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export type NoticeIntent = "error" | "warning" | "success" | "info";

export interface NoticeData {
  intent: NoticeIntent;
  text: string;
  title?: string;
}

/** A Chinese message above the results: errors from Excel, what was written, what was undone. */
export function Notice({ notice }: { notice: NoticeData | null }) {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} data-testid={`notice-${notice.intent}`} style={{ marginTop: 8 }}>
      <MessageBarBody>
        {notice.title ? <MessageBarTitle>{notice.title}</MessageBarTitle> : null}
        {notice.text}
      </MessageBarBody>
    </MessageBar>
  );
}
