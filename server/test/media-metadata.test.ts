import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  offsetZoneName,
  parseDateTime,
  parseIptcDateTime,
  zoneOffsetForWallClock,
} from '../src/media/dates.ts';
import { ExifReader } from '../src/media/exif-reader.ts';
import { decodeText, extractMetadata, formatExposureTime } from '../src/media/metadata.ts';
import { formatDuration, parseIso6709 } from '../src/media/video.ts';
import type { MediaJob } from '../src/media/index.ts';
import { storeOriginal, tempStorage, twoTone } from './media-helpers.ts';

let storage: ReturnType<typeof tempStorage>;
beforeAll(() => {
  storage = tempStorage();
});
afterAll(() => storage.remove());

interface ExifSpec {
  IFD0?: Record<string, string>;
  IFD2?: Record<string, string>;
  IFD3?: Record<string, string>;
}

async function jpegJob(exif: ExifSpec, overrides: Partial<MediaJob> = {}): Promise<MediaJob> {
  const data = await twoTone(64, 48).withExif(exif).jpeg().toBuffer();
  return storeOriginal(storage.paths, data, 'photo.jpg', { mimeType: 'image/jpeg', ...overrides });
}

/** An XMP sidecar as text, in the encoding asked for. */
async function writeSidecar(
  body: string,
  encoding: 'utf8' | 'utf16le' | 'utf16be' = 'utf8',
): Promise<string> {
  const xml =
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n` +
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n` +
    `<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" ` +
    `xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:tiff="http://ns.adobe.com/tiff/1.0/" ` +
    `xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
    `xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" xmlns:GPano="http://ns.google.com/photos/1.0/panorama/" ${body}` +
    `</rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>`;
  let bytes: Buffer;
  if (encoding === 'utf8') bytes = Buffer.from(xml, 'utf8');
  else if (encoding === 'utf16le')
    bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
  else bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(xml, 'utf16le').swap16()]);
  const file = path.join(storage.dir, `sidecar-${Math.random().toString(36).slice(2)}.xmp`);
  await fs.writeFile(file, bytes);
  return file;
}

describe('dates and time zones', () => {
  it('takes DateTimeOriginal with sub-seconds and OffsetTimeOriginal', async () => {
    const job = await jpegJob({
      IFD2: {
        DateTimeOriginal: '2019:03:21 11:04:22',
        SubSecTimeOriginal: '348',
        OffsetTimeOriginal: '-05:00',
        DateTimeDigitized: '2020:01:01 00:00:00',
      },
    });
    const result = await extractMetadata(job);
    expect(result.dateTimeOriginal).toBe('2019-03-21T16:04:22.348Z');
    expect(result.localDateTime).toBe('2019-03-21T11:04:22.348Z');
    expect(result.timeZone).toBe('UTC-5');
    expect(result.exif.dateTimeOriginal).toBe('2019-03-21T16:04:22.348Z');
  });

  it('falls back to CreateDate when there is no DateTimeOriginal', async () => {
    // libexif calls EXIF CreateDate (0x9004) DateTimeDigitized.
    const job = await jpegJob({ IFD2: { DateTimeDigitized: '2020:02:03 04:05:06' } });
    const result = await extractMetadata(job);
    expect(result.dateTimeOriginal).toBe('2020-02-03T04:05:06.000Z');
    expect(result.timeZone).toBeNull();
  });

  it('finds the zone from the GPS position, with daylight saving time', async () => {
    const gps = {
      GPSLatitudeRef: 'N',
      GPSLatitude: '40/1 42/1 46/1',
      GPSLongitudeRef: 'W',
      GPSLongitude: '74/1 0/1 22/1',
    };
    const summer = await extractMetadata(
      await jpegJob({ IFD2: { DateTimeOriginal: '2023:07:01 12:00:00' }, IFD3: gps }),
    );
    const winter = await extractMetadata(
      await jpegJob({ IFD2: { DateTimeOriginal: '2023:01:01 12:00:00' }, IFD3: gps }),
    );
    expect(summer.timeZone).toBe('America/New_York');
    expect(summer.localDateTime).toBe('2023-07-01T12:00:00.000Z');
    expect(summer.dateTimeOriginal).toBe('2023-07-01T16:00:00.000Z');
    expect(winter.dateTimeOriginal).toBe('2023-01-01T17:00:00.000Z');
    expect(summer.exif.latitude).toBeCloseTo(40.712778, 5);
    expect(summer.exif.longitude).toBeCloseTo(-74.006111, 5);
  });

  it('uses the earliest client timestamp when the file has no date', async () => {
    const job = await jpegJob(
      { IFD0: { Make: 'NoDate' } },
      { fileCreatedAt: '2021-05-05T10:00:00.000Z', fileModifiedAt: '2021-05-04T09:00:00.000Z' },
    );
    const result = await extractMetadata(job);
    expect(result.dateTimeOriginal).toBe('2021-05-04T09:00:00.000Z');
    expect(result.localDateTime).toBe('2021-05-04T09:00:00.000Z');
    expect(result.timeZone).toBeNull();
  });

  it('parses the date formats of EXIF, XMP and IPTC', () => {
    expect(parseDateTime('2023:02:02 02:00:00')).toMatchObject({
      year: 2023,
      hour: 2,
      offsetMinutes: null,
    });
    expect(parseDateTime('2000-09-27T14:35:33+02:00')).toMatchObject({
      minute: 35,
      offsetMinutes: 120,
    });
    expect(parseDateTime('2022-01-10T15:15:44.31')).toMatchObject({ millisecond: 310 });
    expect(parseDateTime('2022-01-10T15:15:44Z')).toMatchObject({ offsetMinutes: 0 });
    expect(parseDateTime('0000:00:00 00:00:00')).toBeNull();
    expect(parseDateTime('2023:02:30 10:00:00')).toBeNull();
    expect(parseDateTime('2023-02-03')).toBeNull();
    expect(parseIptcDateTime('20220110', '151544-0400')).toMatchObject({
      day: 10,
      hour: 15,
      offsetMinutes: -240,
    });
    expect(offsetZoneName(330)).toBe('UTC+5:30');
    expect(offsetZoneName(-240)).toBe('UTC-4');
    expect(offsetZoneName(0)).toBe('UTC+0');
  });

  it('settles the zone offset across a daylight-saving change', () => {
    // 2023-03-26 03:30 in Berlin is after the spring change: UTC+2.
    const after = parseDateTime('2023:03:26 03:30:00');
    const before = parseDateTime('2023:03:26 01:30:00');
    expect(after && zoneOffsetForWallClock('Europe/Berlin', after)).toBe(120);
    expect(before && zoneOffsetForWallClock('Europe/Berlin', before)).toBe(60);
  });
});

describe('camera fields', () => {
  it('fills make, model, lens, exposure, f-number, ISO, focal length, orientation, description', async () => {
    const job = await jpegJob({
      IFD0: { Make: 'Canon', Model: 'EOS R5', ImageDescription: '  A quiet lake  ' },
      IFD2: {
        FNumber: '71/10',
        ExposureTime: '1/4000',
        ISOSpeedRatings: '1000',
        FocalLength: '500/1',
        LensModel: 'RF100-500mm F4.5-7.1 L IS USM',
      },
    });
    const { exif } = await extractMetadata(job);
    expect(exif).toMatchObject({
      make: 'Canon',
      model: 'EOS R5',
      lensModel: 'RF100-500mm F4.5-7.1 L IS USM',
      fNumber: 7.1,
      exposureTime: '1/4000',
      iso: 1000,
      focalLength: 500,
      description: 'A quiet lake',
      exifImageWidth: 64,
      exifImageHeight: 48,
      latitude: null,
      longitude: null,
      rating: null,
      city: null,
    });
    expect(exif.fileSizeInByte).toBe((await fs.stat(job.originalPath)).size);
    expect(exif.modifyDate).toBe((await fs.stat(job.originalPath)).mtime.toISOString());
  });

  it('formats exposure times as exiftool does', () => {
    expect(formatExposureTime(0.004)).toBe('1/250');
    expect(formatExposureTime(1 / 30)).toBe('1/30');
    expect(formatExposureTime(0.5)).toBe('0.5');
    expect(formatExposureTime(2)).toBe('2');
    expect(formatExposureTime(0.0011273957158962795)).toBe('1/887');
  });

  it('ignores an empty GPS block', async () => {
    const job = await jpegJob({
      IFD2: { DateTimeOriginal: '2025:06:01 16:59:26' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '0/0 0/0 0/0',
        GPSLongitudeRef: 'E',
        GPSLongitude: '0/0 0/0 0/0',
      },
    });
    const result = await extractMetadata(job);
    expect(result.exif.latitude).toBeNull();
    expect(result.exif.longitude).toBeNull();
    expect(result.timeZone).toBeNull();
    expect(result.dateTimeOriginal).toBe('2025-06-01T16:59:26.000Z');
  });
});

describe('XMP sidecars', () => {
  const body = (date: string) =>
    `exif:DateTimeOriginal="${date}" tiff:Make="SidecarMake" xmp:Rating="4" ` +
    `exif:GPSLatitude="40,14.0786450N" exif:GPSLongitude="76,17.2284900W" ` +
    `exif:FNumber="28/10" exif:ExposureTime="1/1250" aux:Lens="Sidecar Lens" GPano:ProjectionType="equirectangular">` +
    `<exif:ISOSpeedRatings><rdf:Seq><rdf:li>160</rdf:li></rdf:Seq></exif:ISOSpeedRatings>` +
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">From the sidecar</rdf:li></rdf:Alt></dc:description>` +
    `</rdf:Description>`;

  it.each(['utf8', 'utf16le', 'utf16be'] as const)(
    'wins over embedded values (%s)',
    async (encoding) => {
      const sidecarPath = await writeSidecar(body('2009-11-28T13:42:39+01:00'), encoding);
      const job = await jpegJob(
        {
          IFD0: { Make: 'EmbeddedMake', Model: 'Embedded Model', ImageDescription: 'embedded' },
          IFD2: {
            DateTimeOriginal: '2001:01:01 01:01:01',
            OffsetTimeOriginal: '+09:00',
            FNumber: '4/1',
          },
        },
        { sidecarPath },
      );
      const result = await extractMetadata(job);
      expect(result.dateTimeOriginal).toBe('2009-11-28T12:42:39.000Z');
      expect(result.localDateTime).toBe('2009-11-28T13:42:39.000Z');
      expect(result.timeZone).toBe('UTC+1');
      expect(result.exif).toMatchObject({
        make: 'SidecarMake',
        model: 'Embedded Model',
        description: 'From the sidecar',
        rating: 4,
        fNumber: 2.8,
        exposureTime: '1/1250',
        iso: 160,
        lensModel: 'Sidecar Lens',
        projectionType: 'EQUIRECTANGULAR',
      });
      expect(result.exif.latitude).toBeCloseTo(40 + 14.078645 / 60, 6);
      expect(result.exif.longitude).toBeCloseTo(-(76 + 17.22849 / 60), 6);
    },
  );

  it('keeps the embedded date when the sidecar has none', async () => {
    const sidecarPath = await writeSidecar(`xmp:Rating="2"></rdf:Description>`);
    const job = await jpegJob(
      { IFD2: { DateTimeOriginal: '2001:01:01 01:01:01', OffsetTimeOriginal: '+09:00' } },
      { sidecarPath },
    );
    const result = await extractMetadata(job);
    expect(result.dateTimeOriginal).toBe('2000-12-31T16:01:01.000Z');
    expect(result.exif.rating).toBe(2);
  });

  it('ignores a sidecar that is missing or not XMP', async () => {
    const job = await jpegJob(
      { IFD2: { DateTimeOriginal: '2001:01:01 01:01:01' } },
      { sidecarPath: path.join(storage.dir, 'missing.xmp') },
    );
    expect((await extractMetadata(job)).dateTimeOriginal).toBe('2001-01-01T01:01:01.000Z');
    const junk = path.join(storage.dir, 'junk.xmp');
    await fs.writeFile(junk, 'not xml at all');
    const other = await jpegJob(
      { IFD2: { DateTimeOriginal: '2001:01:01 01:01:01' } },
      { sidecarPath: junk },
    );
    expect((await extractMetadata(other)).dateTimeOriginal).toBe('2001-01-01T01:01:01.000Z');
  });

  it('decodes text in UTF-8 and UTF-16 with or without a byte-order mark', () => {
    const text = '<x:xmpmeta>é</x:xmpmeta>';
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(
      text,
    );
    expect(decodeText(Buffer.from(text, 'utf16le'))).toBe(text);
    expect(decodeText(Buffer.from(text, 'utf16le').swap16())).toBe(text);
  });
});

describe('the metadata reader', () => {
  it('gives up on a file that loops exifr, and keeps working', async () => {
    // A HEIF whose boxes have size zero: exifr 7.1 never finishes parsing it.
    const looping = path.join(storage.dir, 'looping.heic');
    await fs.writeFile(
      looping,
      Buffer.concat([
        Buffer.from([0, 0, 0, 0x18]),
        Buffer.from('ftypheic\0\0\0\0mif1heic'),
        Buffer.alloc(100),
      ]),
    );
    const good = await jpegJob({ IFD0: { Make: 'StillWorks' } });
    const reader = new ExifReader(2000);
    try {
      await expect(reader.parse(looping, { tiff: true })).rejects.toThrow(/longer than 2 s/);
      const tags = (await reader.parse(good.originalPath, { tiff: true })) as { Make?: string };
      expect(tags.Make).toBe('StillWorks');
    } finally {
      await reader.close();
    }
  });
});

describe('video helpers', () => {
  it('formats durations the way Immich does', () => {
    expect(formatDuration(5)).toBe('0:00:05.000000');
    expect(formatDuration(3725.5)).toBe('1:02:05.500000');
    expect(formatDuration(0.033367)).toBe('0:00:00.033367');
  });

  it('reads ISO 6709 locations', () => {
    expect(parseIso6709('+37.7749-122.4194/')).toEqual({ latitude: 37.7749, longitude: -122.4194 });
    expect(parseIso6709('+48.8584+002.2945+035.000/')).toEqual({
      latitude: 48.8584,
      longitude: 2.2945,
    });
    expect(parseIso6709('+00.0000+000.0000/')).toBeNull();
    expect(parseIso6709('garbage')).toBeNull();
  });
});
