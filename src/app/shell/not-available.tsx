import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state';

/**
 * What a route shows while the feature it hosts is still being built: says so
 * plainly, and offers nothing that pretends to work.
 */
export function NotAvailable({ what, icon }: { what: string; icon: ReactNode }) {
  return (
    <EmptyState
      icon={icon}
      title={`${what} isn’t available yet`}
      description="This part of Lightbox is still being built. Nothing on your server is affected."
    />
  );
}
