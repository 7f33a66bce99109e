/**
 * What a resident wants to know about a restaurant: every time it was listed, and for a 黑榜
 * entry whether it has put things right (整改) since.
 */
import type { FollowUp, ListEntry, ListIssue } from '../../schemas/list-issue.ts';

/** Rectification state of a 黑榜 entry: the latest re-inspection's result, or 整改中 before any. */
export type Rectification = FollowUp['result'];

/** An issue's id, as in its address: 2022-03. */
export function issueId(issue: Pick<ListIssue, 'year' | 'number'>): string {
  return `${issue.year}-${String(issue.number).padStart(2, '0')}`;
}

/** How an issue is named: 2022年第3期. */
export function issueLabel(issue: Pick<ListIssue, 'year' | 'number'>): string {
  return `${issue.year}年第${issue.number}期`;
}

/** One appearance of a restaurant on a list, with the re-inspections that followed it. */
export interface Appearance {
  issue: ListIssue;
  issueId: string;
  entry: ListEntry;
  /** Re-inspections of this entry, oldest first. */
  followUps: FollowUp[];
  /** For a 黑榜 entry: where rectification stands now; null for 红榜. */
  rectification: Rectification | null;
}

/** The rectification state of a 黑榜 entry given its re-inspections (any order). */
export function rectificationOf(followUps: readonly FollowUp[]): Rectification {
  const latest = [...followUps].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  return latest?.result ?? '整改中';
}

/**
 * Every appearance of one restaurant, newest inspection first.
 * @param followUps all re-inspections; those of other entries are ignored.
 */
export function restaurantHistory(
  restaurantId: string,
  issues: readonly ListIssue[],
  followUps: readonly FollowUp[],
): Appearance[] {
  const appearances: Appearance[] = [];
  for (const issue of issues) {
    const id = issueId(issue);
    for (const entry of issue.entries) {
      if (entry.restaurant !== restaurantId) continue;
      const own = followUps
        .filter((followUp) => followUp.issue === id && followUp.restaurant === restaurantId)
        .sort((a, b) => a.date.localeCompare(b.date));
      appearances.push({
        issue,
        issueId: id,
        entry,
        followUps: own,
        rectification: entry.list === '黑榜' ? rectificationOf(own) : null,
      });
    }
  }
  return appearances.sort(
    (a, b) => b.entry.inspectedOn.localeCompare(a.entry.inspectedOn) || b.issueId.localeCompare(a.issueId),
  );
}

/** A short status for a restaurant card: its latest appearance decides. */
export interface CurrentStatus {
  list: ListEntry['list'];
  inspectedOn: string;
  issueId: string;
  rectification: Rectification | null;
  /** e.g. 红榜, 黑榜 · 整改中, 黑榜 · 复查合格 */
  label: string;
}

/** The status shown for a restaurant, or null when it has never been listed. */
export function currentStatus(history: readonly Appearance[]): CurrentStatus | null {
  const latest = history[0];
  if (!latest) return null;
  return {
    list: latest.entry.list,
    inspectedOn: latest.entry.inspectedOn,
    issueId: latest.issueId,
    rectification: latest.rectification,
    label: latest.rectification ? `${latest.entry.list} · ${latest.rectification}` : latest.entry.list,
  };
}
