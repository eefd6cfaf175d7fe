/** The extensions the server accepts, from `GET /server/media-types` (with dots, e.g. '.jpg'). */
export interface MediaTypes {
  image: readonly string[];
  video: readonly string[];
  sidecar: readonly string[];
}

export interface PickedFile {
  file: File;
  /** Path inside what was dropped or picked; the file name for a loose file. */
  path: string;
}

export interface ClassifiedMedia extends PickedFile {
  sidecar?: File;
}

export interface SkippedFile extends PickedFile {
  reason: string;
}

export const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
};

const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

/**
 * Sorts dropped files into media the server accepts, and the rest with the
 * reason. A sidecar travels with its photo when both were dropped together:
 * `IMG_1.jpg.xmp` or `IMG_1.xmp` beside `IMG_1.jpg` in the same folder
 * (Immich's two naming conventions). A sidecar without its photo is skipped.
 */
export function classifyFiles(
  files: readonly PickedFile[],
  types: MediaTypes,
): { media: ClassifiedMedia[]; skipped: SkippedFile[] } {
  const mediaExtensions = new Set([...types.image, ...types.video].map((e) => e.toLowerCase()));
  const sidecarExtensions = new Set(types.sidecar.map((e) => e.toLowerCase()));
  const media: ClassifiedMedia[] = [];
  const skipped: SkippedFile[] = [];
  const sidecars: PickedFile[] = [];
  // Media by folder + full name and by folder + name without extension, to find sidecars' owners.
  const byFullName = new Map<string, ClassifiedMedia>();
  const byStem = new Map<string, ClassifiedMedia>();

  for (const picked of files) {
    const extension = extensionOf(picked.file.name);
    if (mediaExtensions.has(extension)) {
      const entry: ClassifiedMedia = { ...picked };
      media.push(entry);
      const folder = folderOf(picked.path);
      const name = picked.file.name.toLowerCase();
      byFullName.set(folder + name, entry);
      const stem = folder + name.slice(0, name.length - extension.length);
      if (!byStem.has(stem)) byStem.set(stem, entry);
    } else if (sidecarExtensions.has(extension)) {
      sidecars.push(picked);
    } else {
      skipped.push({
        ...picked,
        reason: extension
          ? `Unsupported file type (${extension})`
          : 'Unsupported file type (no extension)',
      });
    }
  }

  for (const picked of sidecars) {
    const folder = folderOf(picked.path);
    const name = picked.file.name.toLowerCase();
    const base = name.slice(0, name.length - extensionOf(name).length);
    const owner = byFullName.get(folder + base) ?? byStem.get(folder + base);
    if (owner && !owner.sidecar) owner.sidecar = picked.file;
    else
      skipped.push({
        ...picked,
        reason: owner
          ? 'A second sidecar for the same photo'
          : 'Sidecar without its photo (drop them together)',
      });
  }
  return { media, skipped };
}
