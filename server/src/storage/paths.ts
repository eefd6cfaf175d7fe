import path from 'node:path';

/**
 * Where everything lives under the data folder. Every path is built from ids the
 * server generated (UUIDs) and a fixed set of extensions: a client-supplied file
 * name never becomes part of a path.
 */
export class StoragePaths {
  constructor(readonly dataDir: string) {}

  get database(): string {
    return path.join(this.dataDir, 'lightbox.db');
  }

  /** Uploads stream here first and are renamed into the library once verified. */
  get uploadTmp(): string {
    return path.join(this.dataDir, 'upload-tmp');
  }

  private shard(kind: string, userId: string, assetId: string): string {
    return path.join(this.dataDir, kind, userId, assetId.slice(0, 2), assetId.slice(2, 4));
  }

  original(userId: string, assetId: string, extension: string): string {
    return path.join(
      this.shard('library', userId, assetId),
      `${assetId}${safeExtension(extension)}`,
    );
  }

  thumbnail(userId: string, assetId: string): string {
    return path.join(this.shard('thumbs', userId, assetId), `${assetId}-thumbnail.webp`);
  }

  preview(userId: string, assetId: string): string {
    return path.join(this.shard('thumbs', userId, assetId), `${assetId}-preview.jpeg`);
  }

  fullsize(userId: string, assetId: string): string {
    return path.join(this.shard('thumbs', userId, assetId), `${assetId}-fullsize.jpeg`);
  }

  encodedVideo(userId: string, assetId: string): string {
    return path.join(this.shard('encoded-video', userId, assetId), `${assetId}.mp4`);
  }

  sidecar(userId: string, assetId: string): string {
    return path.join(this.shard('library', userId, assetId), `${assetId}.xmp`);
  }
}

/** Lower-case extension with its dot, or '' when the name's extension is not plain letters and digits. */
export function safeExtension(extension: string): string {
  const ext = extension.toLowerCase();
  return /^\.[a-z0-9]{1,10}$/.test(ext) ? ext : '';
}
