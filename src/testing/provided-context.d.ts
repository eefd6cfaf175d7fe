// What the web tests' global setup (server/test/web-global-setup.ts) provides.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the local test server's API, ending in /api. */
    apiUrl: string;
  }
}
