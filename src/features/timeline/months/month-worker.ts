/// <reference lib="webworker" />
// Fetches, parses and packs one big month off the main thread: a 50,000-asset answer is
// about 10 MB of JSON, whose parse alone would block the page for a few hundred ms.
import { configureApi, isApiError } from '@/api/client';
import { getTimeBucket } from '@/api/timeline';
import { packBucket, toWire } from './packed-month';
import type { MonthRequest, MonthResponse } from './month-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const running = new Map<number, AbortController>();

scope.onmessage = (event: MessageEvent<MonthRequest>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    running.get(message.id)?.abort();
    running.delete(message.id);
    return;
  }
  const { id, api, filter, timeBucket, keep } = message;
  const controller = new AbortController();
  running.set(id, controller);
  configureApi(api);
  getTimeBucket({ ...filter, timeBucket }, controller.signal)
    .then((dto) => {
      if (controller.signal.aborted) return;
      const { wire, transfer } = toWire(packBucket(timeBucket, dto, keep));
      scope.postMessage({ type: 'done', id, month: wire } satisfies MonthResponse, transfer);
    })
    .catch((error: unknown) => {
      if (controller.signal.aborted) return;
      const response: MonthResponse = isApiError(error)
        ? {
            type: 'error',
            id,
            status: error.status,
            operation: error.operation,
            messages: error.messages,
            body: error.body,
          }
        : {
            type: 'error',
            id,
            status: -1,
            operation: 'getTimeBucket',
            messages: [error instanceof Error ? error.message : String(error)],
          };
      scope.postMessage(response);
    })
    .finally(() => running.delete(id));
};
