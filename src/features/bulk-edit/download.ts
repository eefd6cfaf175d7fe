// Downloading a selection: one asset as its original, more as zip archives (the server
// splits them: POST /download/info, then POST /download/archive for each part).
import { downloadAssetUrl } from '@/api/assets';
import { downloadArchive, getDownloadInfo } from '@/api/download';

function save(href: string, filename: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** `onArchive` is told after each archive (for progress). */
export async function downloadSelection(
  ids: readonly string[],
  onArchive?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  const [first] = ids;
  if (!first) return;
  if (ids.length === 1) {
    // The server names the file (Content-Disposition) with its original name.
    save(downloadAssetUrl({ id: first }), '');
    return;
  }
  const info = await getDownloadInfo({ downloadInfoDto: { assetIds: [...ids] } }, signal);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const total = info.archives.length;
  onArchive?.(0, total);
  for (const [index, archive] of info.archives.entries()) {
    const blob = await downloadArchive({ assetIdsDto: { assetIds: archive.assetIds } }, signal);
    const url = URL.createObjectURL(blob);
    save(url, total > 1 ? `lightbox-${stamp}-${index + 1}.zip` : `lightbox-${stamp}.zip`);
    // Give the browser the time to start the download before the URL is revoked.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    onArchive?.(index + 1, total);
  }
}
