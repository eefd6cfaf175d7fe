// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { walkDataTransfer, walkEntries, type EntryLike } from './walk-entries';

/** Fake entries shaped like the browser's (FileSystemFileEntry / FileSystemDirectoryEntry). */
interface Tree {
  [name: string]: Tree | string | Error;
}

const BATCH = 100;

function fakeEntry(
  name: string,
  node: Tree | string | Error,
  parent: string,
  reads: string[],
): EntryLike {
  const fullPath = `${parent}/${name}`;
  if (typeof node === 'string' || node instanceof Error) {
    return {
      isFile: true,
      isDirectory: false,
      name,
      fullPath,
      file: (ok: (f: File) => void, fail: (e: DOMException) => void) =>
        setTimeout(() =>
          node instanceof Error
            ? fail(new DOMException(node.message, 'NotReadableError'))
            : ok(new File([node], name)),
        ),
    } as EntryLike;
  }
  const children = Object.entries(node).map(([n, child]) => fakeEntry(n, child, fullPath, reads));
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath,
    createReader: () => {
      let position = 0;
      return {
        // Like Chromium: at most BATCH entries per call, then an empty array.
        readEntries: (ok: (entries: EntryLike[]) => void) => {
          reads.push(fullPath);
          const batch = children.slice(position, position + BATCH);
          position += batch.length;
          setTimeout(() => ok(batch));
        },
      };
    },
  } as EntryLike;
}

describe('walkEntries', () => {
  it('reads every file of a folder of 250, in batches of 100, until an empty batch', async () => {
    const folder: Tree = {};
    for (let i = 0; i < 250; i++) folder[`IMG_${String(i).padStart(4, '0')}.jpg`] = `photo ${i}`;
    const reads: string[] = [];
    const result = await walkEntries([fakeEntry('Trip', folder, '', reads)]);
    expect(result.files).toHaveLength(250);
    expect(result.failures).toEqual([]);
    expect(reads).toEqual(['/Trip', '/Trip', '/Trip', '/Trip']);
    expect(result.files[0]!.path).toBe('Trip/IMG_0000.jpg');
    expect(result.files[249]!.path).toBe('Trip/IMG_0249.jpg');
    expect(await result.files[7]!.file.text()).toBe('photo 7');
  });

  it('walks nested subfolders and loose files, keeping listing order and paths', async () => {
    const reads: string[] = [];
    const roots = [
      fakeEntry('a.jpg', 'A', '', reads),
      fakeEntry(
        'Album',
        { 'b.jpg': 'B', Sub: { 'c.jpg': 'C', Deeper: { 'd.mp4': 'D' } }, Empty: {}, 'e.jpg': 'E' },
        '',
        reads,
      ),
    ];
    const result = await walkEntries(roots);
    expect(result.files.map((f) => f.path)).toEqual([
      'a.jpg',
      'Album/b.jpg',
      'Album/Sub/c.jpg',
      'Album/Sub/Deeper/d.mp4',
      'Album/e.jpg',
    ]);
    expect(result.files.map((f) => f.file.name)).toEqual([
      'a.jpg',
      'b.jpg',
      'c.jpg',
      'd.mp4',
      'e.jpg',
    ]);
  });

  it('reports unreadable files and keeps the others', async () => {
    const result = await walkEntries([
      fakeEntry('Album', { 'ok.jpg': 'ok', 'gone.jpg': new Error('File was removed') }, '', []),
    ]);
    expect(result.files.map((f) => f.path)).toEqual(['Album/ok.jpg']);
    expect(result.failures).toEqual([{ path: 'Album/gone.jpg', message: 'File was removed' }]);
  });

  it('walks a tree of 20,000 files in 200 folders', async () => {
    const tree: Tree = {};
    for (let d = 0; d < 200; d++) {
      const folder: Tree = {};
      for (let f = 0; f < 100; f++) folder[`${f}.jpg`] = '';
      tree[`folder-${d}`] = folder;
    }
    const result = await walkEntries([fakeEntry('Library', tree, '', [])]);
    expect(result.files).toHaveLength(20_000);
    expect(new Set(result.files.map((f) => f.path)).size).toBe(20_000);
  }, 60_000);
});

describe('walkDataTransfer', () => {
  it('takes entries from the items and falls back to getAsFile for items without one', async () => {
    const loose = new File(['pasted'], 'pasted.png');
    const items = [
      { kind: 'string', webkitGetAsEntry: () => null, getAsFile: () => null },
      {
        kind: 'file',
        webkitGetAsEntry: () => fakeEntry('Dir', { 'x.jpg': 'X' }, '', []),
        getAsFile: () => null,
      },
      { kind: 'file', webkitGetAsEntry: () => null, getAsFile: () => loose },
    ];
    const data = {
      items: Object.assign(items, { length: items.length }),
      files: [],
    } as unknown as DataTransfer;
    const result = await walkDataTransfer(data);
    expect(result.files.map((f) => f.path)).toEqual(['pasted.png', 'Dir/x.jpg']);
  });
});
