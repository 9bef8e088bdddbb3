import { DateTime } from 'luxon';
import { msUntilWindow } from '../../../activities/journey/timing';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'];

describe('msUntilWindow', () => {
  it('is zero inside the window', () => {
    expect(msUntilWindow(at('2026-11-23T10:30', 'Europe/Paris'), 'Europe/Paris', weekdays, '09:00', '17:00')).toBe(0);
  });

  it('waits for the opening the same day, or the next allowed day', () => {
    expect(msUntilWindow(at('2026-11-23T07:00', 'Europe/Paris'), 'Europe/Paris', weekdays, '09:00', '17:00')).toBe(2 * 3_600_000);
    // Friday 18:00 → Monday 09:00.
    const friday = at('2026-11-27T18:00', 'Europe/Paris');
    expect(friday + msUntilWindow(friday, 'Europe/Paris', weekdays, '09:00', '17:00')).toBe(at('2026-11-30T09:00', 'Europe/Paris'));
  });

  it("uses the contact's zone: 09:00 in New York is 14:00 UTC in winter", () => {
    const now = at('2026-12-01T12:00', 'UTC');
    expect(now + msUntilWindow(now, 'America/New_York', weekdays, '09:00', '17:00')).toBe(at('2026-12-01T14:00', 'UTC'));
  });

  it('handles windows across midnight, which belong to the day they start', () => {
    const saturdayNight = at('2026-11-28T01:00', 'Europe/London'); // Friday's 22:00–02:00 window
    expect(msUntilWindow(saturdayNight, 'Europe/London', ['fri'], '22:00', '02:00')).toBe(0);
    const saturdayMorning = at('2026-11-28T03:00', 'Europe/London');
    expect(saturdayMorning + msUntilWindow(saturdayMorning, 'Europe/London', ['fri'], '22:00', '02:00')).toBe(at('2026-12-04T22:00', 'Europe/London'));
  });

  it('keeps wall-clock time across a daylight-saving change', () => {
    // Saturday 28 March 2026 12:00 in London (GMT) → Monday 30 March 09:00 (BST).
    const now = at('2026-03-28T12:00', 'Europe/London');
    expect(now + msUntilWindow(now, 'Europe/London', weekdays, '09:00', '17:00')).toBe(at('2026-03-30T09:00', 'Europe/London'));
  });
});
