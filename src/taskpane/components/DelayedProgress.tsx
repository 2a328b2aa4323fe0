import { ProgressBar, Text } from "@fluentui/react-components";
import { useDelayed } from "../app/use-delayed";

/** Shown only when work runs past half a second, so quick validations do not flicker. */
export function DelayedProgress({ busy, label, value }: { busy: boolean; label: string; value?: number }) {
  const show = useDelayed(busy, 500);
  if (!show) return null;
  return (
    <div data-testid="progress" role="status" aria-live="polite" style={{ margin: "8px 0" }}>
      <Text size={200}>{label}</Text>
      <ProgressBar value={value} thickness="medium" />
    </div>
  );
}
