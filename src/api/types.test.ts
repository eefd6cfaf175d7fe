import { describe, expect, it } from 'vitest';
// Tests may load the SDK's values to compare against (tests are not bundled; the app never does).
import * as sdk from '@immich/sdk';
import * as types from './types';

describe('enum mirrors', () => {
  const mirrors = [
    'Action',
    'AssetJobName',
    'AssetMediaSize',
    'AssetMediaStatus',
    'AssetOrder',
    'AssetTypeEnum',
    'AssetVisibility',
    'Permission',
    'Reason',
    'SharedLinkType',
  ] as const;

  it.each(mirrors)('%s has exactly the SDK enum’s members and values', (name) => {
    expect({ ...types[name] }).toEqual({ ...sdk[name] });
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(types.AssetMediaSize)).toBe(true);
  });
});

describe('the app bundles nothing from @immich/sdk', () => {
  // Every source file of the app (tests and type tests excluded), as text.
  const sources = import.meta.glob<string>(
    ['/src/**/*.{ts,tsx}', '!/src/**/*.test.{ts,tsx}', '!/src/**/*.test-d.ts'],
    {
      query: '?raw',
      import: 'default',
      eager: true,
    },
  );

  it('finds the sources', () => {
    expect(Object.keys(sources)).toContain('/src/api/types.ts');
  });

  it('imports and re-exports @immich/sdk as types only', () => {
    const offenders: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      const statements = text.match(/(?:import|export)\s[^;]*?from\s*['"]@immich\/sdk['"]/g) ?? [];
      for (const statement of statements) {
        if (!/^(?:import|export)\s+type\s/.test(statement)) offenders.push(`${file}: ${statement}`);
      }
      if (/import\(\s*['"]@immich\/sdk['"]\s*\)/.test(text) && !/typeof import\(/.test(text)) {
        offenders.push(`${file}: dynamic import`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
