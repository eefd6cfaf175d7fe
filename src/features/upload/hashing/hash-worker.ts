/// <reference lib="webworker" />
// Hashes files off the main thread (messages: hash-protocol.ts, handling: hash-handler.ts).
import { createHashHandler } from './hash-handler';
import type { HashRequest } from './hash-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createHashHandler((message) => scope.postMessage(message), scope.crypto?.subtle);
scope.onmessage = (event: MessageEvent<HashRequest>) => handle(event.data);
