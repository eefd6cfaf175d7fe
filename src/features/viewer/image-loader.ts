/**
 * Loads and decodes an image off-screen, so that swapping it into a visible
 * `<img>` shows it at once (no blank frame, no progressive paint).
 * Resolves with the natural size; rejects with an AbortError when `signal` aborts.
 */
export type ImageLoader = (url: string, signal: AbortSignal) => Promise<ImageSize>;

export interface ImageSize {
  width: number;
  height: number;
}

function abortError(): DOMException {
  return new DOMException('The image load was aborted', 'AbortError');
}

export const decodeImage: ImageLoader = (url, signal) =>
  new Promise<ImageSize>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError());
      return;
    }
    const image = new Image();
    image.decoding = 'async';
    const onAbort = () => {
      // Dropping the source stops the download in every browser.
      image.removeAttribute('src');
      reject(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    image.src = url;
    image
      .decode()
      .then(() => resolve({ width: image.naturalWidth, height: image.naturalHeight }))
      .catch(() => {
        if (!signal.aborted) reject(new Error(`Could not load the image (${url.split('?')[0]})`));
      })
      .finally(() => signal.removeEventListener('abort', onAbort));
  });

/** Warms the browser cache for neighbours' previews; returns a cancel function. */
export function preloadImages(urls: string[], loader: ImageLoader = decodeImage): () => void {
  const controller = new AbortController();
  for (const url of urls) {
    loader(url, controller.signal).catch(() => {
      // A failed preload is retried when the asset is shown; nothing to report here.
    });
  }
  return () => controller.abort();
}
