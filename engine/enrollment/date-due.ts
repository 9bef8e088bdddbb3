import { Prisma } from '../../prisma/generated/client';
import { dateEntryKeyPrefix, type Audience } from '../../activities/enrollment/types';
import { attributeKey } from '../dispatcher/trigger-index';

type DateDue = Extract<Audience, { kind: 'date_due' }>;

/** `YYYY-MM-DD` at the start of the value; anything else (or a 31 June) is not a date and never due. */
const DATE_PREFIX = '^[0-9]{4}-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|^[0-9]{4}-(0[469]|11)-(0[1-9]|[12][0-9]|30)|^[0-9]{4}-02-(0[1-9]|1[0-9]|2[0-9])';

/**
 * The contacts whose date attribute (plus `offsetDays`) is today in their own zone (the
 * contact's, else the workspace's) and whose local clock has reached `at`; with each, the
 * entry key of that local day. One set-based query: the date is read from the attributes, its
 * anniversary taken in the year before, of and after today (an offset can cross New Year; a
 * 29 February falls on the 28th in other years), and contacts already entered under today's key
 * are left out, so the fan-out can run every hour.
 */
export function dateDueContacts(workspaceId: string, journeyId: string, audience: DateDue): Prisma.Sql {
  const key = attributeKey(audience.attribute).replace(/^attributes\./, '');
  const now = new Date(audience.now ?? Date.now());
  const offset = Prisma.sql`make_interval(days => ${audience.offsetDays}::int)`;
  const anniversary = (years: Prisma.Sql) => Prisma.sql`(d.day + make_interval(years => (extract(year FROM d.today)::int - extract(year FROM d.day)::int + ${years})) + ${offset})::date`;
  const due =
    audience.recurrence === 'once'
      ? Prisma.sql`(d.day + ${offset})::date = d.today`
      : Prisma.sql`d.today IN (${anniversary(Prisma.sql`-1`)}, ${anniversary(Prisma.sql`0`)}, ${anniversary(Prisma.sql`1`)})`;
  return Prisma.sql`
    SELECT d.contact_id, ${dateEntryKeyPrefix} || to_char(d.today, 'YYYY-MM-DD') AS entry_key FROM (
      SELECT l.contact_id, l.local_now::date AS today, l.local_now::time AS local_time,
             CASE WHEN substr(l.raw, 6, 5) = '02-29' AND NOT (substr(l.raw, 1, 4)::int % 4 = 0 AND (substr(l.raw, 1, 4)::int % 100 <> 0 OR substr(l.raw, 1, 4)::int % 400 = 0))
                  THEN NULL ELSE substr(l.raw, 1, 10)::date END AS day
        FROM (
          SELECT c.id AS contact_id, c.attributes ->> ${key} AS raw, (${now}::timestamptz AT TIME ZONE COALESCE(c.timezone, w.timezone)) AS local_now
            FROM contact c JOIN workspace w ON w.id = c.workspace_id
           WHERE c.workspace_id = ${workspaceId}::uuid AND NOT c.do_not_contact AND c.attributes ->> ${key} ~ ${DATE_PREFIX}
        ) l
    ) d
    WHERE d.day IS NOT NULL AND d.local_time >= ${audience.at}::time AND ${due}
      AND NOT EXISTS (SELECT 1 FROM journey_enrollment e WHERE e.journey_id = ${journeyId}::uuid AND e.contact_id = d.contact_id
                        AND e.entry_key = ${dateEntryKeyPrefix} || to_char(d.today, 'YYYY-MM-DD'))`;
}
