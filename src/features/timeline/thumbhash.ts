import { thumbHashToDataURL } from 'thumbhash';

/** Decoded placeholders, most recently used last; a few thousand cover a long scroll back. */
const cache = new Map<string, string>();
const LIMIT = 3_000;

/** The thumbhash (base64) as a tiny PNG data URL, or '' when it cannot be decoded. */
export function thumbhashUrl(hash: string): string {
  if (!hash) return '';
  const hit = cache.get(hash);
  if (hit !== undefined) {
    cache.delete(hash);
    cache.set(hash, hit);
    return hit;
  }
  let url = '';
  try {
    const binary = atob(hash);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    url = thumbHashToDataURL(bytes);
  } catch {
    url = '';
  }
  cache.set(hash, url);
  if (cache.size > LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return url;
}
