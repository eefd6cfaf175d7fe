/**
 * This browser's Immich device id, sent as `deviceId` with every upload.
 *
 * Immich's own web app sends 'WEB' from every browser. Lightbox gives each
 * browser profile its own id ('WEB-' and a random UUID, kept in localStorage),
 * so that `POST /assets/exist` only skips files this browser really uploaded,
 * and `GET /assets/device/{deviceId}` ("On this device" in the statistics)
 * lists exactly this browser's uploads. Without localStorage (private mode
 * with storage disabled) it falls back to Immich's 'WEB'.
 */
const STORAGE_KEY = 'lightbox.deviceId';

const randomId = (): string => {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  // Outside secure contexts randomUUID is missing; getRandomValues is not.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

let cached: string | undefined;

export function getDeviceId(): string {
  if (cached) return cached;
  try {
    let id = localStorage.getItem(STORAGE_KEY);
    if (!id) {
      id = `WEB-${randomId()}`;
      localStorage.setItem(STORAGE_KEY, id);
    }
    cached = id;
  } catch {
    cached = 'WEB';
  }
  return cached;
}
