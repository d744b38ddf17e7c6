/**
 * Incidents are stored by month (`incidents_YYYYMM`), the month being the one their `_id` names: an id is
 * `brand-YYYYMMDDHHmm-hash`, the minute of the alert that opened it, so a read or write by id finds its
 * partition without a lookup. Ids of another shape (none are made today) live in the unpartitioned collection.
 */
const ID = /-(\d{6})\d{6}-[0-9a-z]+$/;

/** The month partition (`YYYYMM`) of an incident id, or null for an id of another shape. */
export function incidentMonth(id: string): string | null {
  return ID.exec(id)?.[1] ?? null;
}

/** `YYYYMM` of an instant (UTC). */
export const monthOf = (t: Date): string => t.toISOString().slice(0, 7).replace('-', '');

/**
 * The partitions that may hold incidents opened in [from, to): an incident is opened at or after its alert's
 * minute, so the month before `from` is included for one opened just after a month began (its alert in the
 * month before); a missing bound leaves that side open. `months` are the existing partitions.
 */
export function monthsOpenedIn(months: readonly string[], from?: Date, to?: Date): string[] {
  const first = from ? monthOf(new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() - 1, 1))) : '';
  const last = to ? monthOf(new Date(to.getTime() - 1)) : '999999';
  return months.filter((m) => m >= first && m <= last);
}
