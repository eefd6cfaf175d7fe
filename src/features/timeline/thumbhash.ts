import { thumbHashToAverageRGBA, thumbHashToDataURL } from 'thumbhash';

// Tile placeholders from thumbhashes. The average colour costs microseconds and shows in the
// tile's first paint; the blurred picture (a 32 px PNG data URL, a fraction of a millisecond
// each) is decoded right after, a few milliseconds per task, so a first screen of a hundred
// tiles requests its thumbnails without waiting for a hundred decodes.

const LIMIT = 3_000;
const urls = new Map<string, string>();
const colours = new Map<string, string>();

function bytesOf(hash: string): Uint8Array | null {
  try {
    const binary = atob(hash);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

function remember(cache: Map<string, string>, key: string, value: string): string {
  cache.set(key, value);
  if (cache.size > LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return value;
}

/** The thumbhash's average colour as a CSS colour, or '' when it cannot be read. */
export function thumbhashColour(hash: string): string {
  if (!hash) return '';
  const hit = colours.get(hash);
  if (hit !== undefined) return hit;
  const bytes = bytesOf(hash);
  let colour = '';
  if (bytes) {
    try {
      const { r, g, b } = thumbHashToAverageRGBA(bytes);
      colour = `rgb(${Math.round(r * 255)} ${Math.round(g * 255)} ${Math.round(b * 255)})`;
    } catch {
      colour = '';
    }
  }
  return remember(colours, hash, colour);
}

/** The thumbhash as a tiny PNG data URL (cached), or '' when it cannot be decoded. */
export function thumbhashUrl(hash: string): string {
  if (!hash) return '';
  const hit = urls.get(hash);
  if (hit !== undefined) {
    urls.delete(hash);
    urls.set(hash, hit);
    return hit;
  }
  const bytes = bytesOf(hash);
  let url = '';
  if (bytes) {
    try {
      url = thumbHashToDataURL(bytes);
    } catch {
      url = '';
    }
  }
  return remember(urls, hash, url);
}

interface Job {
  element: HTMLElement;
  hash: string;
  /** performance.now() from which it may be painted. */
  due: number;
}

/**
 * How long a tile shows only its average colour before its blurred placeholder is painted.
 * On a quick connection the thumbnail arrives first and the decoding is never spent (it would
 * compete with the first screen's own work); on a slow one the blur follows within a blink.
 */
export const PLACEHOLDER_DELAY_MS = 150;

const queue: Job[] = [];
let scheduled = false;
const BUDGET_MS = 4;

function apply(element: HTMLElement, url: string): void {
  if (url) element.style.backgroundImage = `url(${url})`;
}

function run(): void {
  scheduled = false;
  const deadline = performance.now() + BUDGET_MS;
  while (queue.length > 0 && performance.now() < deadline) {
    // Jobs are queued in order of their due time.
    if ((queue[0]?.due ?? 0) > performance.now()) break;
    const job = queue.shift();
    if (!job?.element.isConnected) continue;
    // A tile whose thumbnail is already there needs no placeholder.
    const image = job.element.querySelector('img');
    if (image?.complete && image.naturalWidth > 0) continue;
    apply(job.element, thumbhashUrl(job.hash));
  }
  schedule();
}

let post: (() => void) | null = null;

function schedule(): void {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  const wait = (queue[0]?.due ?? 0) - performance.now();
  if (wait > 0) {
    setTimeout(run, wait);
    return;
  }
  if (!post) {
    if (typeof MessageChannel !== 'undefined') {
      const channel = new MessageChannel();
      channel.port1.onmessage = run;
      post = () => channel.port2.postMessage(null);
    } else {
      post = () => setTimeout(run, 0);
    }
  }
  post();
}

/**
 * Paints a tile's blurred placeholder in a moment (PLACEHOLDER_DELAY_MS, and not at all when its
 * thumbnail has arrived by then): decoding (and even setting a data URL as
 * a background) costs enough that a screenful is spread over tasks of a few milliseconds.
 */
export function paintPlaceholder(element: HTMLElement, hash: string): void {
  if (!hash) return;
  queue.push({ element, hash, due: performance.now() + PLACEHOLDER_DELAY_MS });
  schedule();
}
