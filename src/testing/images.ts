// Tiny real images for tests, made at run time without native tools (works in any test
// environment): an RGB PNG with uncompressed ("stored") deflate blocks.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function writeU32(target: Uint8Array, offset: number, value: number): void {
  target[offset] = (value >>> 24) & 0xff;
  target[offset + 1] = (value >>> 16) & 0xff;
  target[offset + 2] = (value >>> 8) & 0xff;
  target[offset + 3] = value & 0xff;
}

/** A PNG chunk: length, type, data, CRC of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  writeU32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeU32(out, 8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** zlib stream of stored (uncompressed) deflate blocks. */
function zlibStored(raw: Uint8Array): Uint8Array {
  const max = 65535;
  const blocks = Math.max(1, Math.ceil(raw.length / max));
  const out = new Uint8Array(2 + blocks * 5 + raw.length + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let at = 2;
  for (let b = 0; b < blocks; b++) {
    const block = raw.subarray(b * max, Math.min(raw.length, (b + 1) * max));
    out[at] = b === blocks - 1 ? 1 : 0;
    out[at + 1] = block.length & 0xff;
    out[at + 2] = block.length >>> 8;
    out[at + 3] = ~block.length & 0xff;
    out[at + 4] = (~block.length >>> 8) & 0xff;
    out.set(block, at + 5);
    at += 5 + block.length;
  }
  writeU32(out, at, adler32(raw));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export interface PngOptions {
  width?: number;
  height?: number;
  /** Fill colour [r, g, b]; random by default, so each image (and its checksum) is new. */
  rgb?: [number, number, number];
}

/** PNG bytes of a width × height image with a diagonal gradient over the fill colour. */
export function makePng({
  width = 24,
  height = 16,
  rgb,
}: PngOptions = {}): Uint8Array<ArrayBuffer> {
  const [r, g, b] =
    rgb ?? ([0, 0, 0].map(() => Math.floor(Math.random() * 256)) as [number, number, number]);
  const raw = new Uint8Array(height * (1 + width * 3));
  let i = 0;
  for (let y = 0; y < height; y++) {
    raw[i++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      raw[i++] = (r + x * 4) & 0xff;
      raw[i++] = (g + y * 4) & 0xff;
      raw[i++] = b;
    }
  }
  const header = new Uint8Array(13);
  writeU32(header, 0, width);
  writeU32(header, 4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlibStored(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** A PNG File with a unique picture, ready for uploadAsset. */
export function makePngFile(
  name = `test-${Math.random().toString(36).slice(2, 10)}.png`,
  options?: PngOptions,
): File {
  return new File([makePng(options)], name, { type: 'image/png', lastModified: Date.now() });
}

/** SHA-1 of bytes as hex (what x-immich-checksum and checkBulkUpload accept). */
export async function sha1Hex(data: Blob | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = await crypto.subtle.digest('SHA-1', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A hex checksum as base64 (how AssetResponseDto.checksum is written). */
export function hexToBase64(hex: string): string {
  const bytes = hex.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? [];
  return btoa(String.fromCharCode(...bytes));
}
