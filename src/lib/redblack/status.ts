/**
 * What a resident wants to know about a restaurant: every time it was listed, and for a 黑榜
 * entry whether it has put things right (整改) since.
 */
import type { FollowUp, ListEntry, ListIssue } from '../../schemas/list-issue.ts';

/**
 * Where a 黑榜 entry's rectification stands: the latest re-inspection's result, 整改中 before any,
 * and 已过整改期限 once the deadline has passed without a published result.
 */
export type Rectification = FollowUp['result'] | '已过整改期限';

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
  /** For a 黑榜 entry: where rectification stands; null for 红榜. */
  rectification: Rectification | null;
}

/**
 * The rectification state of a 黑榜 entry.
 * @param followUps its re-inspections, in any order.
 * @param deadline its rectification deadline, if one was set.
 * @param asOf today, YYYY-MM-DD: a deadline before it with no result since counts as passed.
 */
export function rectificationOf(
  followUps: readonly FollowUp[],
  deadline: string | undefined,
  asOf: string,
): Rectification {
  const latest = [...followUps].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  if (latest && latest.result !== '整改中') return latest.result;
  // A re-inspection on or after the deadline that found work still under way keeps it 整改中.
  if (deadline && deadline < asOf && !(latest && latest.date >= deadline)) return '已过整改期限';
  return '整改中';
}

/** Every entry of every issue as an appearance, newest inspection first. */
export function allAppearances(
  issues: readonly ListIssue[],
  followUps: readonly FollowUp[],
  asOf: string,
): Appearance[] {
  // Indexed once, oldest first: a scan of every re-inspection for every entry grows with years × years.
  const followUpsOf = Map.groupBy(
    followUps.toSorted((a, b) => a.date.localeCompare(b.date)),
    (followUp) => `${followUp.issue}\n${followUp.restaurant}`,
  );
  return issues
    .flatMap((issue) => {
      const id = issueId(issue);
      return issue.entries.map((entry) => {
        const own = followUpsOf.get(`${id}\n${entry.restaurant}`) ?? [];
        return {
          issue,
          issueId: id,
          entry,
          followUps: own,
          rectification: entry.list === '黑榜' ? rectificationOf(own, entry.deadline, asOf) : null,
        };
      });
    })
    .sort((a, b) => b.entry.inspectedOn.localeCompare(a.entry.inspectedOn) || b.issueId.localeCompare(a.issueId));
}

/**
 * Each restaurant's appearances, newest first, by restaurant id (from the list allAppearances returns, in one pass).
 * A restaurant no issue lists has no key.
 */
export function restaurantHistories(appearances: readonly Appearance[]): Map<string, Appearance[]> {
  return Map.groupBy(appearances, (appearance) => appearance.entry.restaurant);
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

/** How a re-inspection's result reads after its date: 2022年8月4日复查：不合格. */
export const FOLLOW_UP_WORDING: Record<FollowUp['result'], string> = {
  整改中: '仍在整改',
  复查合格: '合格',
  复查不合格: '不合格',
};
