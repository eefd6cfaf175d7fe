// A fresh QueryClient per test (no retries) and the provider around hooks under test.
import type { ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createQueryClient } from '@/lib/query-client';

export function createTestQueryClient(): QueryClient {
  return createQueryClient({
    queries: { retry: false, gcTime: Infinity },
    mutations: { retry: false },
  });
}

export function queryWrapper(client: QueryClient) {
  return function QueryWrapper({ children }: { children: ReactNode }) {
    return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  };
}
