/**
 * A door sticker (门贴) states a restaurant's standing on the red and black lists at one moment. Every standing the
 * restaurant has had gets a short verification code (核验码), derived from the data alone, so a reader at the door can
 * tell whether the sticker in front of them is the current one: the restaurant page names the current code and says
 * plainly that any earlier code is out of date.
 */
import { createHash } from 'node:crypto';
import { rectificationOf, type Appearance, type Rectification } from '../redblack/status.ts';
import type { ListName } from '../../schemas/list-issue.ts';

/** Letters and digits that cannot be misread for one another when printed or typed (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const CODE_LENGTH = 6;

/** One standing: what a sticker printed between `since` and the next standing says. */
export interface Standing {
  /** The issue whose entry decides it (2024-02). */
  issueId: string;
  list: ListName;
  rectification: Rectification | null;
  /** The words a sticker and the restaurant page use: 红榜, 黑榜 · 整改中, 黑榜 · 复查合格 … */
  words: string;
  /** The day it began, YYYY-MM-DD: the inspection, the re-inspection, or the day after a passed deadline. */
  since: string;
  /** Its verification code: CODE_LENGTH letters of CODE_ALPHABET. */
  code: string;
}

/** The words for a standing, the same as a restaurant's status label (src/lib/redblack/status.ts currentStatus). */
export function standingWords(list: ListName, rectification: Rectification | null): string {
  return rectification ? `${list} · ${rectification}` : list;
}

/** The day after a YYYY-MM-DD date (a deadline counts as passed from then: rectificationOf). */
function dayAfter(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The verification code of a standing: a hash of the restaurant id, the deciding issue, the words and the day it began,
 * written in CODE_ALPHABET. `salt` separates the rare standings of one restaurant whose codes would coincide.
 */
export function stickerCode(
  restaurantId: string,
  standing: Pick<Standing, 'issueId' | 'words' | 'since'>,
  salt = 0,
): string {
  const digest = createHash('sha256')
    .update([restaurantId, standing.issueId, standing.words, standing.since, String(salt)].join('\n'))
    .digest();
  let code = '';
  for (let index = 0; index < CODE_LENGTH; index += 1) code += CODE_ALPHABET[digest[index]! % CODE_ALPHABET.length];
  return code;
}

/**
 * Every standing a restaurant has had as of `asOf`, oldest first, each with its own code; the last is the current one
 * (the status the restaurant page shows). A standing changes when the restaurant is listed again, when a
 * re-inspection changes where a 黑榜 entry's rectification stands, and when its deadline passes with no result.
 * A re-inspection that leaves the words as they were (整改中 again) does not change the standing or its code.
 * @param history the restaurant's appearances, in any order (as from restaurantHistories).
 * @param asOf today, YYYY-MM-DD (the build's date).
 */
export function standingHistory(restaurantId: string, history: readonly Appearance[], asOf: string): Standing[] {
  // The newest inspection first, as allAppearances orders them: that appearance decides on any given day.
  const appearances = history.toSorted(
    (a, b) => b.entry.inspectedOn.localeCompare(a.entry.inspectedOn) || b.issueId.localeCompare(a.issueId),
  );
  const days = new Set<string>();
  for (const appearance of appearances) {
    days.add(appearance.entry.inspectedOn);
    for (const followUp of appearance.followUps) days.add(followUp.date);
    // Time alone changes a standing only when a deadline passes, and only once the day has come.
    const passed = appearance.entry.deadline && dayAfter(appearance.entry.deadline);
    if (passed && passed <= asOf) days.add(passed);
  }
  const standings: Standing[] = [];
  for (const day of [...days].sort()) {
    const deciding = appearances.find((appearance) => appearance.entry.inspectedOn <= day);
    if (!deciding) continue;
    // Dated data after asOf (a build dated back with SITE_NOW) counts as the status does: deadlines judged on asOf.
    const rectification =
      deciding.entry.list === '黑榜'
        ? rectificationOf(
            deciding.followUps.filter((followUp) => followUp.date <= day),
            deciding.entry.deadline,
            day < asOf ? day : asOf,
          )
        : null;
    const words = standingWords(deciding.entry.list, rectification);
    const last = standings.at(-1);
    if (last && last.issueId === deciding.issueId && last.words === words) continue;
    standings.push({
      issueId: deciding.issueId,
      list: deciding.entry.list,
      rectification,
      words,
      since: day,
      code: '',
    });
  }
  // Codes distinct within the restaurant: a later standing whose code an earlier one has takes the next salt.
  const taken = new Set<string>();
  for (const standing of standings) {
    let salt = 0;
    let code = stickerCode(restaurantId, standing);
    while (taken.has(code)) code = stickerCode(restaurantId, standing, (salt += 1));
    taken.add(code);
    standing.code = code;
  }
  return standings;
}

/**
 * Standings that an earlier build may have shown, and a sticker printed, which the data as it is now no longer gives:
 * records are entered after their date, so until one was entered the site showed what the records before it gave. A
 * re-inspection dated before a deadline but entered after the deadline had passed takes back 已过整改期限; an issue whose
 * inspection predates a standing already shown does the same. Each is a standing of the history cut before one of its
 * records (entries and re-inspections, in date order), judged on `asOf`; a reader who scans such a sticker is told it
 * has expired. Records are taken in the order they can have reached the site: an entry when its issue was published,
 * a re-inspection on its date. A record corrected in place (a deadline's typo, say) cannot be followed: the old value
 * is gone.
 * @param standings the restaurant's standings (standingHistory of the whole history): their codes are left out.
 * @returns oldest first, one per code.
 */
export function earlierStandings(
  restaurantId: string,
  history: readonly Appearance[],
  asOf: string,
  standings: readonly Standing[],
): Standing[] {
  const records = history
    .flatMap((appearance) => [
      // An entry reaches the site with its issue, weeks after the inspection; a re-inspection, on its date at the
      // earliest.
      { date: [appearance.entry.inspectedOn, appearance.issue.publishedOn].sort()[1]!, appearance, followUp: null },
      ...appearance.followUps.map((followUp) => ({ date: followUp.date, appearance, followUp })),
    ])
    // An entry before its own re-inspections when they share a day.
    .sort((a, b) => a.date.localeCompare(b.date) || Number(a.followUp !== null) - Number(b.followUp !== null));
  const known = new Set(standings.map((standing) => standing.code));
  const earlier = new Map<string, Standing>();
  // What had reached the site: records are added one by one, each cut judged before the next record comes.
  const entries = new Set<Appearance>();
  const followUps = new Set<Appearance['followUps'][number]>();
  for (const record of records.slice(0, -1)) {
    if (record.followUp) followUps.add(record.followUp);
    else entries.add(record.appearance);
    const cutHistory = history
      .filter((appearance) => entries.has(appearance))
      .map((appearance) => ({ ...appearance, followUps: appearance.followUps.filter((item) => followUps.has(item)) }));
    for (const standing of standingHistory(restaurantId, cutHistory, asOf)) {
      if (!known.has(standing.code) && !earlier.has(standing.code)) earlier.set(standing.code, standing);
    }
  }
  return [...earlier.values()].sort((a, b) => a.since.localeCompare(b.since));
}

/** The fragment a sticker's QR code adds to the restaurant's address: #s-ABC346 (see stickerTargetUrl). */
export function stickerFragment(code: string): string {
  return `s-${code}`;
}

/**
 * What a sticker's QR code holds: the restaurant page's absolute address with the sticker's code as its fragment,
 * https://<site>/restaurants/<id>/#s-ABC346. The page marks the element of that id, which CSS (:target) shows
 * without JavaScript: 这张门贴是当前的 for the current code, 这张门贴已过期 for an earlier one.
 * @param site the site's origin (SITE_URL, checked), without a trailing slash.
 * @param restaurantPath the restaurant page's path, /restaurants/<id>/.
 */
export function stickerTargetUrl(site: string, restaurantPath: string, code: string): string {
  return `${site.replace(/\/$/, '')}${restaurantPath}#${stickerFragment(code)}`;
}
