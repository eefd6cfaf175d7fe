// Optimistic changes to many assets at once, in every cached view under ['assets'].
import type { QueryClient } from '@tanstack/react-query';
import { assetQueries, patchAssetData, type AssetPatch } from '@/features/assets/asset-queries';
import { AssetVisibility } from '@/api/types';

// The grid's months are cached packed (ids plus a bit field per asset), a shape no other
// module exports; these are its favourite and archived bits (timeline's packed-month.ts).
const PACKED_FAVORITE = 1;
const PACKED_ARCHIVED = 16;

interface PackedLike {
  ids: string[];
  flags: Uint8Array;
}

function isPacked(value: unknown): value is PackedLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { ids?: unknown }).ids) &&
    (value as { flags?: unknown }).flags instanceof Uint8Array
  );
}

function setBit(flags: number, bit: number, on: boolean | undefined): number {
  if (on === undefined) return flags;
  return on ? flags | bit : flags & ~bit;
}

/** Applies `patch` to the listed assets in one packed month; the same object when none is in it. */
export function patchPacked<T extends PackedLike>(
  data: T,
  ids: ReadonlySet<string>,
  patch: AssetPatch,
): T {
  const archived =
    patch.visibility === undefined ? undefined : patch.visibility === AssetVisibility.Archive;
  let flags: Uint8Array | null = null;
  data.ids.forEach((id, index) => {
    if (!ids.has(id)) return;
    const before = data.flags[index] ?? 0;
    const after = setBit(
      setBit(before, PACKED_FAVORITE, patch.isFavorite),
      PACKED_ARCHIVED,
      archived,
    );
    if (after === before) return;
    flags ??= new Uint8Array(data.flags);
    flags[index] = after;
  });
  return flags ? { ...data, flags } : data;
}

/** Applies `patch` to the listed assets in any cached shape. */
export function patchManyData(data: unknown, ids: readonly string[], patch: AssetPatch): unknown {
  if (isPacked(data)) return patchPacked(data, new Set(ids), patch);
  let next = data;
  for (const id of ids) next = patchAssetData(next, id, patch);
  return next;
}

/**
 * Patches every cached copy of the listed assets and returns the rollback, which restores
 * exactly the cache entries it changed.
 */
export function patchCachedAssets(
  client: QueryClient,
  ids: readonly string[],
  patch: AssetPatch,
): () => void {
  const saved: [readonly unknown[], unknown][] = [];
  for (const query of client.getQueryCache().findAll({ queryKey: assetQueries.all() })) {
    const data: unknown = query.state.data;
    if (data === undefined) continue;
    const patched = patchManyData(data, ids, patch);
    if (patched === data) continue;
    saved.push([query.queryKey, data]);
    client.setQueryData(query.queryKey, patched);
  }
  return () => {
    for (const [queryKey, data] of saved) client.setQueryData(queryKey, data);
  };
}
