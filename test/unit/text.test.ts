import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractHashtags, findHashtag, hashtagPattern, hashtagsIn, normaliseTag } from '../../src/shared/text/hashtags';
import { offsetMinutesAt, toIsoWithOffset, zonedDate, zonedToEpoch } from '../../src/shared/time';
import { isAllowedUrl } from '../../src/shared/urls';

describe('hashtags', () => {
  it('finds tags with accents, digits, dashes and nesting, lower-cased and sorted', () => {
    expect(extractHashtags('#Énergie et #start-ups, #lesson/Territoire. #R2D2 (#rh)')).toEqual(['énergie', 'lesson/territoire', 'r2d2', 'rh', 'start-ups']);
  });

  it('ignores numbers, URL anchors and doubled hashes', () => {
    expect(extractHashtags('point #1, https://example.org/page#section, a#b, ##x, #2024')).toEqual([]);
  });

  it('finds, looking only at each #, exactly what the hashtag pattern matches', () => {
    const piece = fc.constantFrom('#', '#', 'a', 'É', 'é', '1', '-', '_', '/', '&', ' ', '.', '\n', '𝒜', '😀', '\ud835', 'x#', '##', '#a-', '#b/c');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const expected = [...text.matchAll(hashtagPattern())].map((m) => {
          const start = m.index + (m[1]?.length ?? 0);
          return { start, end: start + 1 + m[2]!.length, tag: m[2] };
        });
        expect([...hashtagsIn(text)]).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('reports where a hashtag stands for highlighting', () => {
    expect(findHashtag('voir #énergie ici')).toEqual({ start: 5, end: 13 });
    expect(findHashtag('aucun')).toBeNull();
  });

  it('normalises tags', () => {
    expect(normaliseTag('#ÉcoSystème/')).toBe('écosystème');
    expect(normaliseTag('e\u0301nergie')).toBe('énergie');
  });
});

describe('time zones', () => {
  it('converts wall-clock times in a zone to instants and back, across DST', () => {
    expect(zonedToEpoch('2024-11-20', '09:15', 'Europe/Paris')).toBe(Date.parse('2024-11-20T09:15:00+01:00'));
    expect(zonedToEpoch('2024-07-01', '09:15', 'Europe/Paris')).toBe(Date.parse('2024-07-01T09:15:00+02:00'));
    expect(toIsoWithOffset(Date.parse('2024-11-20T08:15:00Z'), 'Europe/Paris')).toBe('2024-11-20T09:15:00+01:00');
    expect(toIsoWithOffset(Date.parse('2024-11-20T08:15:00Z'), 'America/Montreal')).toBe('2024-11-20T03:15:00-05:00');
    expect(offsetMinutesAt(Date.parse('2024-03-31T02:30:00Z'), 'Europe/Paris')).toBe(120);
    expect(zonedDate(Date.parse('2024-11-20T23:30:00Z'), 'Europe/Paris')).toBe('2024-11-21');
  });

  it('writes every instant a Date holds as ISO 8601 that reads back, years before 1 and after 9999 included', () => {
    // A calendar's recurrence may run past 9999; a backup may hold any time a Date holds.
    for (const iso of ['+010000-01-01T00:59:59Z', '+275760-09-13T00:00:00Z', '0000-06-01T12:00:00Z', '-000001-01-01T00:00:00Z', '-271821-04-20T00:00:00Z']) {
      const written = toIsoWithOffset(Date.parse(iso), 'UTC');
      expect(written).toBe(iso.replace('Z', '+00:00'));
      expect(Date.parse(written)).toBe(Date.parse(iso));
    }
    // Paris kept its local mean time then (+00:09:21), written to the minute.
    const summer = Date.parse('-000001-07-01T12:00:00Z');
    const paris = toIsoWithOffset(summer, 'Europe/Paris');
    expect(paris).toMatch(/^-000001-07-01T12:09:21\+00:09$/);
    expect(Math.abs(Date.parse(paris) - summer)).toBeLessThan(60_000);
    // The last instant a Date holds and (a minute after, as local mean times are written to
    // the minute) the first, in zones whose wall clock is then past them.
    for (const [instant, zone] of [
      [8.64e15, 'Europe/Paris'],
      [8.64e15, 'Pacific/Kiritimati'],
      [-8.64e15 + 60_000, 'America/New_York'],
    ] as const) {
      const written = toIsoWithOffset(instant, zone);
      expect(written, zone).toMatch(/^[+-]\d{6}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(Math.abs(Date.parse(written) - instant), zone).toBeLessThan(60_000);
    }
  });
});

describe('links', () => {
  it('allows only http(s) and mailto', () => {
    expect(isAllowedUrl('https://uca.fr')).toBe(true);
    expect(isAllowedUrl('mailto:a@b.fr')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'about:blank', '//evil', 'https:'])
      expect(isAllowedUrl(bad)).toBe(false);
  });
});
