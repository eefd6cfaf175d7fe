/**
 * Turns what the user dropped into a flat list of files, walking dropped
 * folders and all their subfolders. The shapes below are the parts of the
 * File and Directory Entries API (`webkitGetAsEntry`) that are used.
 */
export interface EntryLike {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  readonly fullPath: string;
}
export interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure?: (error: DOMException) => void): void;
}
export interface DirectoryEntryLike extends EntryLike {
  createReader(): {
    readEntries(
      success: (entries: EntryLike[]) => void,
      failure?: (error: DOMException) => void,
    ): void;
  };
}

export interface WalkedFile {
  file: File;
  /** Path inside what was dropped, e.g. `Trip/Day 1/IMG_0001.jpg`; just the name for a loose file. */
  path: string;
}

export interface WalkFailure {
  path: string;
  message: string;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Entries that could not be read (permissions, removed meanwhile): reported, not silently lost. */
  failures: WalkFailure[];
}

const isDirectory = (entry: EntryLike): entry is DirectoryEntryLike => entry.isDirectory;
const isFile = (entry: EntryLike): entry is FileEntryLike => entry.isFile;
const relative = (entry: EntryLike) => entry.fullPath.replace(/^\/+/, '') || entry.name;
const messageOf = (error: unknown) =>
  error instanceof Error || error instanceof DOMException
    ? error.message || error.name
    : String(error);

/** A directory reader returns its entries in batches (about 100 in Chromium): read until an empty batch. */
async function readAllEntries(directory: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = directory.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    for (const entry of batch) all.push(entry);
  }
}

const fileOf = (entry: FileEntryLike) =>
  new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/** Files opened at once while walking: enough to hide latency, few enough for 100k-file folders. */
const OPEN_AT_ONCE = 64;

/**
 * Walks entries depth-first without recursion (deep trees cannot overflow
 * the stack). Files come out in the order of the folders' listings.
 */
export async function walkEntries(roots: readonly EntryLike[]): Promise<WalkResult> {
  // One slot per file, in listing order, filled as each file opens.
  const slots: (WalkedFile | undefined)[] = [];
  const failures: WalkFailure[] = [];
  const stack: EntryLike[] = [...roots].reverse();
  let pending: Promise<void>[] = [];
  const flush = async () => {
    await Promise.all(pending);
    pending = [];
  };
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (isDirectory(entry)) {
      try {
        const children = await readAllEntries(entry);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      } catch (error) {
        failures.push({ path: relative(entry), message: messageOf(error) });
      }
    } else if (isFile(entry)) {
      const slot = slots.length;
      const path = relative(entry);
      slots.push(undefined);
      pending.push(
        fileOf(entry).then(
          (file) => {
            slots[slot] = { file, path };
          },
          (error: unknown) => {
            failures.push({ path, message: messageOf(error) });
          },
        ),
      );
      if (pending.length >= OPEN_AT_ONCE) await flush();
    }
  }
  await flush();
  return { files: slots.filter((f): f is WalkedFile => f !== undefined), failures };
}

/**
 * Everything a drop (or paste) carries. Entries must be taken from the items
 * synchronously, while the event is being dispatched: afterwards the list is
 * empty. Items without an entry (some pastes) fall back to `getAsFile()`.
 */
export function walkDataTransfer(data: DataTransfer): Promise<WalkResult> {
  const roots: EntryLike[] = [];
  const loose: WalkedFile[] = [];
  const items = data.items as DataTransferItemList | undefined;
  if (items && items.length > 0) {
    for (const item of Array.from(items)) {
      if (item.kind !== 'file') continue;
      const entry = (item.webkitGetAsEntry?.() ?? null) as EntryLike | null;
      if (entry) {
        roots.push(entry);
        continue;
      }
      const file = item.getAsFile();
      if (file) loose.push({ file, path: file.name });
    }
  } else {
    for (const file of Array.from(data.files)) loose.push({ file, path: file.name });
  }
  return walkEntries(roots).then((walked) => ({
    files: [...loose, ...walked.files],
    failures: walked.failures,
  }));
}
