import {
  FLAG_ARCHIVED,
  FLAG_FAVORITE,
  FLAG_IMAGE,
  FLAG_TRASHED,
  type PackedMonth,
} from '../months/packed-month';

/** What the bulk actions need to know about a selected asset without fetching it. */
export interface SelectedAsset {
  id: string;
  isFavorite: boolean;
  isImage: boolean;
  isTrashed: boolean;
  isArchived: boolean;
}

export function selectedAssetOf(month: PackedMonth, index: number): SelectedAsset {
  const flags = month.flags[index] ?? 0;
  return {
    id: month.ids[index] ?? '',
    isFavorite: (flags & FLAG_FAVORITE) !== 0,
    isImage: (flags & FLAG_IMAGE) !== 0,
    isTrashed: (flags & FLAG_TRASHED) !== 0,
    isArchived: (flags & FLAG_ARCHIVED) !== 0,
  };
}

/**
 * The selected assets of one grid, in the order they were selected, plus the anchor a
 * shift-click or shift+arrow extends a range from. Components subscribe with
 * `subscribe`/`getVersion`; a tile reads `has(id)` so only changed tiles re-render.
 */
export class SelectionStore {
  private selected = new Map<string, SelectedAsset>();
  private listeners = new Set<() => void>();
  private version = 0;
  /** Id of the asset a range starts from (the last one toggled or clicked). */
  anchor: string | null = null;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private emit(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }

  get size(): number {
    return this.selected.size;
  }

  has = (id: string): boolean => this.selected.has(id);

  ids(): string[] {
    return [...this.selected.keys()];
  }

  assets(): SelectedAsset[] {
    return [...this.selected.values()];
  }

  /** Selects or deselects one asset and makes it the range anchor. */
  toggle(asset: SelectedAsset, selected = !this.selected.has(asset.id)): void {
    if (selected) this.selected.set(asset.id, asset);
    else this.selected.delete(asset.id);
    this.anchor = asset.id;
    this.emit();
  }

  /** Selects or deselects many at once (a range, a day, a month, everything loaded). */
  setMany(assets: Iterable<SelectedAsset>, selected: boolean): void {
    let changed = false;
    for (const asset of assets) {
      if (selected && !this.selected.has(asset.id)) {
        this.selected.set(asset.id, asset);
        changed = true;
      } else if (!selected && this.selected.delete(asset.id)) {
        changed = true;
      }
    }
    if (changed) this.emit();
  }

  /** Forgets assets that no longer exist in the view (deleted, moved to another view). */
  retain(exists: (id: string) => boolean): void {
    let changed = false;
    for (const id of this.selected.keys()) {
      if (!exists(id)) {
        this.selected.delete(id);
        changed = true;
      }
    }
    if (changed) this.emit();
  }

  clear(): void {
    if (this.selected.size === 0 && this.anchor === null) return;
    this.selected.clear();
    this.anchor = null;
    this.emit();
  }
}
