/** Counts for the red/black list charts and tables. */
import type { ListIssue } from '../../schemas/list-issue.ts';
import { issueId, issueLabel } from './status.ts';

export interface ListCounts {
  /** Entries on 红榜. */
  red: number;
  /** Entries on 黑榜. */
  black: number;
}

/** Counts one issue's entries by list. */
export function countEntries(issue: Pick<ListIssue, 'entries'>): ListCounts {
  const red = issue.entries.filter((entry) => entry.list === '红榜').length;
  return { red, black: issue.entries.length - red };
}

/** Red and black counts per issue, oldest first (the order of a time series). */
export function countsByIssue(issues: readonly ListIssue[]): Array<ListCounts & { id: string; label: string }> {
  return [...issues]
    .sort((a, b) => a.publishedOn.localeCompare(b.publishedOn))
    .map((issue) => ({ id: issueId(issue), label: issueLabel(issue), ...countEntries(issue) }));
}

/**
 * Red and black entries per town across all issues, most entries first; towns without entries are left out.
 * @param townOf the town id of each restaurant id.
 */
export function countsByTown(
  issues: readonly ListIssue[],
  townOf: ReadonlyMap<string, string>,
): Array<ListCounts & { town: string }> {
  const counts = new Map<string, ListCounts>();
  for (const issue of issues) {
    for (const entry of issue.entries) {
      const town = townOf.get(entry.restaurant);
      if (!town) continue;
      const count = counts.get(town) ?? { red: 0, black: 0 };
      if (entry.list === '红榜') count.red += 1;
      else count.black += 1;
      counts.set(town, count);
    }
  }
  return [...counts]
    .map(([town, count]) => ({ town, ...count }))
    .sort((a, b) => b.red + b.black - (a.red + a.black) || a.town.localeCompare(b.town));
}

/** Geometry of one row of a stacked horizontal bar chart. */
export interface BarRow {
  label: string;
  y: number;
  redWidth: number;
  blackWidth: number;
  red: number;
  black: number;
}

/**
 * Lays out a stacked horizontal bar chart: each row's 红榜 then 黑榜 segment, scaled so the
 * longest total fills `width`.
 */
export function layoutBars(
  rows: ReadonlyArray<ListCounts & { label: string }>,
  width: number,
  rowHeight: number,
): BarRow[] {
  const max = Math.max(1, ...rows.map((row) => row.red + row.black));
  return rows.map((row, index) => ({
    label: row.label,
    y: index * rowHeight,
    redWidth: (row.red / max) * width,
    blackWidth: (row.black / max) * width,
    red: row.red,
    black: row.black,
  }));
}
