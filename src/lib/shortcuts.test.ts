import { describe, expect, it } from 'vitest';
import { groupShortcuts, matchesShortcut, shortcutKeys, type Shortcut } from './shortcuts';

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init);
const s = (fields: Partial<Shortcut> & { key: string }): Shortcut => ({
  description: 'x',
  group: 'G',
  ...fields,
});

describe('matchesShortcut', () => {
  it('matches letters case-insensitively and requires the exact modifiers', () => {
    expect(matchesShortcut(s({ key: 'f' }), key({ key: 'f' }))).toBe(true);
    expect(matchesShortcut(s({ key: 'f' }), key({ key: 'F', shiftKey: true }))).toBe(false);
    expect(matchesShortcut(s({ key: 'd', shift: true }), key({ key: 'D', shiftKey: true }))).toBe(
      true,
    );
    expect(matchesShortcut(s({ key: 'd', shift: true }), key({ key: 'd' }))).toBe(false);
    expect(matchesShortcut(s({ key: 'f' }), key({ key: 'f', ctrlKey: true }))).toBe(false);
    expect(matchesShortcut(s({ key: 'a', mod: true }), key({ key: 'a', metaKey: true }))).toBe(
      true,
    );
    expect(matchesShortcut(s({ key: 'a', mod: true }), key({ key: 'a', ctrlKey: true }))).toBe(
      true,
    );
    expect(matchesShortcut(s({ key: 'a', mod: true }), key({ key: 'a' }))).toBe(false);
  });

  it('ignores Shift for symbols that need it on some layouts', () => {
    expect(matchesShortcut(s({ key: '?' }), key({ key: '?', shiftKey: true }))).toBe(true);
    expect(matchesShortcut(s({ key: '?' }), key({ key: '?' }))).toBe(true);
    expect(matchesShortcut(s({ key: '?' }), key({ key: '/' }))).toBe(false);
  });

  it('tells Delete from Shift+Delete', () => {
    expect(matchesShortcut(s({ key: 'Delete' }), key({ key: 'Delete' }))).toBe(true);
    expect(matchesShortcut(s({ key: 'Delete' }), key({ key: 'Delete', shiftKey: true }))).toBe(
      false,
    );
    expect(
      matchesShortcut(s({ key: 'Delete', shift: true }), key({ key: 'Delete', shiftKey: true })),
    ).toBe(true);
  });
});

describe('shortcutKeys', () => {
  it('names keys for display', () => {
    expect(shortcutKeys({ key: 'd', shift: true })).toEqual(['Shift', 'D']);
    expect(shortcutKeys({ key: 'ArrowLeft' })).toEqual(['←']);
    expect(shortcutKeys({ key: 'Delete', shift: true })).toEqual(['Shift', 'Del']);
    expect(shortcutKeys({ key: ' ' })).toEqual(['Space']);
    expect(shortcutKeys({ key: '?' })).toEqual(['?']);
  });
});

describe('groupShortcuts', () => {
  it('keeps groups in registration order and lists a repeated shortcut once', () => {
    const groups = groupShortcuts([
      s({ key: '?', group: 'General', description: 'Help' }),
      s({ key: 'f', group: 'Viewer', description: 'Favorite' }),
      s({ key: 'f', group: 'Viewer', description: 'Favorite' }),
      s({ key: 'i', group: 'Viewer', description: 'Info' }),
    ]);
    expect(groups.map((g) => g.group)).toEqual(['General', 'Viewer']);
    expect(groups[1]?.shortcuts.map((x) => x.description)).toEqual(['Favorite', 'Info']);
  });
});
