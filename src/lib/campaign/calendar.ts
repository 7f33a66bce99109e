/** The week as a calendar: every day from start to end, each with its events in time order. */
import type { CampaignEvent } from '../../schemas/campaign.ts';

/** Every date from start to end inclusive, as YYYY-MM-DD. */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (
    let day = new Date(`${start}T00:00:00Z`);
    day <= new Date(`${end}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 1)
  ) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

/** Chinese weekday of a YYYY-MM-DD date: 星期一 … 星期日. */
export function weekday(date: string): string {
  return `星期${'日一二三四五六'[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
}

/** Events sorted by date and start time. */
export function sortEvents<T extends Pick<CampaignEvent, 'date' | 'startTime'>>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
}

/** Each day of the week with its events (days without events included, so the calendar has no gaps). */
export function calendarDays<T extends Pick<CampaignEvent, 'date' | 'startTime'>>(
  start: string,
  end: string,
  events: readonly T[],
): Array<{ date: string; events: T[] }> {
  const sorted = sortEvents(events);
  return daysBetween(start, end).map((date) => ({ date, events: sorted.filter((event) => event.date === date) }));
}

/** Groups events by a key (town, category …), groups in first-seen order of the sorted events. */
export function groupEvents<T extends Pick<CampaignEvent, 'date' | 'startTime'>>(
  events: readonly T[],
  keyOf: (event: T) => string,
): Array<{ key: string; events: T[] }> {
  const groups = new Map<string, T[]>();
  for (const event of sortEvents(events)) {
    const key = keyOf(event);
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return [...groups].map(([key, items]) => ({ key, events: items }));
}
