/**
 * The upload machinery: the queue, the hashing workers, the server port and the panel.
 * Loaded on demand by UploadProvider (at idle after the first screen, or at the first drop,
 * paste or pick), so none of it is in the first view's download; the drop and paste
 * listeners, which must work from the start, stay in the provider.
 */
import type { QueryClient } from '@tanstack/react-query';
import { assetQueries } from '@/features/assets/asset-queries';
import { getDeviceId } from '@/lib/device-id';
import { createHasher } from './hashing/hash-pool';
import { UploadQueue } from './queue/upload-queue';
import { createLibraryRefresh } from './library-refresh';
import { createApiUploadPort } from './upload-port';

export { UploadPanel } from './components/upload-panel';

/**
 * A queue that uploads through the fetch layer and refreshes the library after each batch,
 * and a few times more while the server reads the new files' metadata (library-refresh.ts).
 */
export function createUploadQueue(queryClient: QueryClient, concurrency: number): UploadQueue {
  const refresh = createLibraryRefresh(
    () => void queryClient.invalidateQueries({ queryKey: assetQueries.all() }),
  );
  return new UploadQueue({
    port: createApiUploadPort(queryClient),
    hasher: createHasher(),
    deviceId: getDeviceId(),
    concurrency,
    onAssetsChanged: refresh,
  });
}
