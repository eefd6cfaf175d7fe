import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaService, type MediaResult } from '../src/media/index.ts';
import {
  encodeJxl,
  hasProgram,
  pixel,
  storeOriginal,
  tempStorage,
  twoTone,
} from './media-helpers.ts';

const hasHeifEnc = hasProgram('heif-enc', ['--list-encoders']);
const hasDjxl = hasProgram('djxl');
const hasHeifConvert = hasProgram('heif-convert', ['--help']);
const hasFfmpeg = hasProgram('ffmpeg', ['-version']);
if (!hasHeifEnc) {
  console.warn(
    'media-formats: heif-enc (Debian libheif-examples) is missing; HEIC tests are skipped',
  );
}

let storage: ReturnType<typeof tempStorage>;
beforeEach(() => {
  storage = tempStorage();
});
afterEach(() => storage.remove());

async function run(
  data: Buffer,
  fileName: string,
  decoders: 'auto' | 'wasm' = 'auto',
): Promise<MediaResult> {
  const media = new MediaService({ paths: storage.paths, decoders, onResult: () => undefined });
  try {
    return await media.enqueue(await storeOriginal(storage.paths, data, fileName));
  } finally {
    await media.close();
  }
}

async function describeFile(file: string | null): Promise<[string, number, number]> {
  const meta = await sharp(file ?? '').metadata();
  return [meta.format, meta.width, meta.height];
}

/** Thumbnail, preview and full-size JPEG of a 600×400 upright two-tone picture. */
async function expectFullSet(result: MediaResult, fullsize: boolean): Promise<void> {
  expect(result.error).toBeUndefined();
  expect(result.ok).toBe(true);
  expect([result.width, result.height]).toEqual([600, 400]);
  expect(await describeFile(result.thumbnailPath)).toEqual(['webp', 375, 250]);
  expect(await describeFile(result.previewPath)).toEqual(['jpeg', 600, 400]);
  if (fullsize) {
    expect(await describeFile(result.fullsizePath)).toEqual(['jpeg', 600, 400]);
    const top = await pixel(result.fullsizePath ?? '', 300, 50);
    const bottom = await pixel(result.fullsizePath ?? '', 300, 350);
    expect(top.r).toBeGreaterThan(200);
    expect(bottom.b).toBeGreaterThan(200);
  } else {
    expect(result.fullsizePath).toBeNull();
  }
  // Top red, bottom blue: the picture is upright.
  expect((await pixel(result.thumbnailPath ?? '', 187, 20)).r).toBeGreaterThan(200);
  expect((await pixel(result.thumbnailPath ?? '', 187, 230)).b).toBeGreaterThan(200);
  expect(result.thumbhash).not.toBeNull();
}

describe('formats sharp decodes', () => {
  it.each([
    ['gif', (s: Sharp) => s.gif(), false],
    ['avif', (s: Sharp) => s.avif({ quality: 60, effort: 0 }), false],
    ['tiff', (s: Sharp) => s.tiff(), true],
  ] as const)('%s', async (ext, encode, fullsize) => {
    const data = await encode(twoTone(600, 400)).toBuffer();
    await expectFullSet(await run(data, `picture.${ext}`), fullsize);
  });
});

// WebAssembly decoders are slow on a busy two-core machine: give them room.
const SLOW = 180_000;

describe('JPEG XL', () => {
  it(
    'decodes with the WebAssembly decoder and writes a full-size JPEG',
    async () => {
      const data = await encodeJxl(twoTone(600, 400));
      await expectFullSet(await run(data, 'picture.jxl', 'wasm'), true);
    },
    SLOW,
  );

  it.skipIf(!hasDjxl)(
    'decodes with djxl when it is installed',
    async () => {
      const data = await encodeJxl(twoTone(600, 400));
      await expectFullSet(await run(data, 'picture.jxl', 'auto'), true);
    },
    SLOW,
  );
});

describe.skipIf(!hasHeifEnc)('HEIC', () => {
  async function makeHeic(): Promise<Buffer> {
    const png = path.join(storage.dir, 'source.png');
    const heic = path.join(storage.dir, 'source.heic');
    await twoTone(600, 400).png().toFile(png);
    execFileSync('heif-enc', ['-q', '80', '-o', heic, png]);
    return fs.readFile(heic);
  }

  it(
    'decodes with the WebAssembly decoder',
    async () => {
      await expectFullSet(await run(await makeHeic(), 'photo.heic', 'wasm'), true);
    },
    SLOW,
  );

  it.skipIf(!hasHeifConvert)(
    'decodes with heif-convert when it is installed',
    async () => {
      await expectFullSet(await run(await makeHeic(), 'photo.HEIC', 'auto'), true);
    },
    SLOW,
  );
});

describe.skipIf(!hasFfmpeg)('formats only ffmpeg reads', () => {
  it('BMP', async () => {
    const png = path.join(storage.dir, 'source.png');
    const bmp = path.join(storage.dir, 'source.bmp');
    await twoTone(600, 400).png().toFile(png);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', png, bmp]);
    await expectFullSet(await run(await fs.readFile(bmp), 'scan.bmp'), true);
  });
});

describe('camera RAW', () => {
  it('uses the embedded preview of a RAW file no decoder reads', async () => {
    const preview = await twoTone(600, 400).jpeg().toBuffer();
    const thumbnail = await twoTone(160, 120).jpeg().toBuffer();
    // Sensor data no decoder here understands, with a small and a large JPEG inside, as cameras write.
    const raw = Buffer.concat([
      Buffer.from('FAKERAW\0'),
      Buffer.alloc(4096, 0x55),
      thumbnail,
      Buffer.alloc(2048, 0x33),
      preview,
      Buffer.alloc(8192, 0x77),
    ]);
    await expectFullSet(await run(raw, 'DSC_0001.NEF'), true);
  });

  it('says so when a RAW file has no usable preview', async () => {
    const result = await run(
      Buffer.concat([Buffer.from('FAKERAW\0'), Buffer.alloc(4096, 1)]),
      'x.cr2',
    );
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/Cannot decode this CR2 image/);
    expect(result.thumbnailPath).toBeNull();
  });
});

describe('damaged files', () => {
  it(
    'reports a truncated HEIC instead of crashing',
    async () => {
      const fake = Buffer.concat([
        Buffer.from([0, 0, 0, 0x18]),
        Buffer.from('ftypheic\0\0\0\0mif1heic'),
        Buffer.alloc(100, 0),
      ]);
      const result = await run(fake, 'broken.heic', 'wasm');
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/Cannot decode this HEIC image/);
      expect(result.previewPath).toBeNull();
    },
    SLOW,
  );
});
