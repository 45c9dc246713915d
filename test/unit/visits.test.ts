import { describe, expect, it } from 'vitest';
import type { Visit } from '../../src/shared/model';
import { visitHappeningNow } from '../../src/shared/visits';
import { visitRecord } from '../fixtures/records';

const zone = 'Europe/Paris';
function visit(id: string, start: string, end: string | null, allDay = false): Visit {
  return visitRecord({
    id,
    allDay,
    start: Date.parse(allDay ? `${start}T00:00:00+01:00` : start),
    end: end ? Date.parse(end) : null,
    date: allDay ? start : null,
  });
}
const arrival = visit('arrival', '2024-11-19', null, true);
const michelin = visit('michelin', '2024-11-20T09:15:00+01:00', '2024-11-20T12:30:00+01:00');
const village = visit('village', '2024-11-20T14:30:00+01:00', '2024-11-20T17:30:00+01:00');
const uca = visit('uca', '2024-11-21T09:00:00+01:00', null);
const all = [uca, village, arrival, michelin];
const at = (iso: string) => visitHappeningNow(all, Date.parse(iso), zone)?.id;

describe('the visit happening now', () => {
  it('is the one in progress', () => {
    expect(at('2024-11-20T10:00:00+01:00')).toBe('michelin');
    expect(at('2024-11-19T20:00:00+01:00')).toBe('arrival');
    expect(at('2024-11-21T10:30:00+01:00')).toBe('uca'); // no end: two hours assumed
  });
  it('else the next one today', () => {
    expect(at('2024-11-20T13:00:00+01:00')).toBe('village');
    expect(at('2024-11-20T07:00:00+01:00')).toBe('michelin');
  });
  it('else the latest one that started, else the first to come', () => {
    expect(at('2024-11-20T20:00:00+01:00')).toBe('village');
    expect(at('2024-12-25T10:00:00+01:00')).toBe('uca');
    expect(at('2024-10-01T10:00:00+02:00')).toBe('arrival');
  });
  it('ignores the trash and copes with no visits', () => {
    expect(visitHappeningNow([{ ...michelin, deletedAt: 1 }], Date.parse('2024-11-20T10:00:00+01:00'), zone)).toBeNull();
    expect(visitHappeningNow([], 0, zone)).toBeNull();
  });
});
