/**
 * Hands bytes to the browser as a download: a Blob URL clicked through a link. Nothing is sent
 * anywhere; the file goes to the person's download folder (or wherever they choose).
 */
export function download(data: Uint8Array | string, name: string, type: string): void {
  const blob = new Blob([data as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Long enough for the browser to take the file, then the memory is given back.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const HTML_TYPE = "text/html;charset=utf-8";

/** A file name's date stamp: 20250304-0506. */
export function fileStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}
