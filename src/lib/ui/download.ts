import { dayKey } from '$lib/core/day';

/** Hands a file to the browser's downloads, through an object URL released right after. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The click starts the download synchronously; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `底册-幸福里-2022-04-01.xlsx`: a prefix, the site's name (made safe for a file name) and today's date. */
export function datedFileName(prefix: string, siteName: string, timeZone: string, extension: string): string {
  const site = siteName.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').trim().slice(0, 40);
  return `${[prefix, site, dayKey(Date.now(), timeZone)].filter((s) => s.length > 0).join('-')}.${extension}`;
}
