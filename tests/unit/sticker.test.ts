import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { allAppearances, currentStatus, restaurantHistories } from '../../src/lib/redblack/status.ts';
import { badgeName, badgeSvg } from '../../src/lib/sticker/badge.ts';
import { nameFit } from '../../src/lib/sticker/name-fit.ts';
import { qrPath, qrSvgOf } from '../../src/lib/sticker/qr.ts';
import { qrPathsInBackground } from '../../src/lib/sticker/qr-pool.ts';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  earlierStandings,
  standingHistory,
  stickerCode,
  stickerTargetUrl,
} from '../../src/lib/sticker/standing.ts';
import type { FollowUp, ListIssue } from '../../src/schemas/list-issue.ts';
import { decodeQrSvg } from '../helpers/qr.ts';

const QR_WORKER = fileURLToPath(new URL('../../src/lib/sticker/qr-worker.ts', import.meta.url));

const issue = (year: number, number: number, entries: ListIssue['entries']): ListIssue => ({
  year,
  number,
  publishedOn: `${year}-0${number}-28`,
  theme: '主题',
  area: '片区',
  participants: [],
  source: 'market-regulation',
  sample: false,
  entries,
});
const entry = (restaurant: string, list: '红榜' | '黑榜', inspectedOn: string, deadline?: string) => ({
  restaurant,
  list,
  inspectedOn,
  reasons: ['理由'],
  measures: list === '黑榜' ? ['责令改正'] : [],
  ...(deadline ? { deadline } : {}),
});
const followUp = (issue: string, restaurant: string, date: string, result: FollowUp['result']): FollowUp => ({
  id: `${issue}-${restaurant}-${date}`,
  issue,
  restaurant,
  date,
  result,
});

/** 红榜 (2023-01) → 黑榜 (2023-02) → 复查合格 → 黑榜 again (2024-01), with a neighbour on the same issues. */
const ISSUES = [
  issue(2023, 1, [entry('a', '红榜', '2023-01-10'), entry('b', '红榜', '2023-01-11')]),
  issue(2023, 2, [entry('a', '黑榜', '2023-02-10', '2023-03-10')]),
  issue(2024, 1, [entry('a', '黑榜', '2024-01-10', '2024-02-10')]),
];
const FOLLOW_UPS = [followUp('2023-02', 'a', '2023-03-05', '复查合格')];

function standingsAsOf(asOf: string, issues = ISSUES, followUps = FOLLOW_UPS) {
  const history = restaurantHistories(allAppearances(issues, followUps, asOf)).get('a')!;
  return { standings: standingHistory('a', history, asOf), status: currentStatus(history)! };
}

describe('a restaurant’s standings and their sticker codes', () => {
  it('follow its history: 红榜 → 黑榜 → 已整改 → a later 黑榜 → its deadline passed', () => {
    const { standings, status } = standingsAsOf('2024-06-01');
    expect(standings.map(({ words, since, issueId }) => ({ words, since, issueId }))).toEqual([
      { words: '红榜', since: '2023-01-10', issueId: '2023-01' },
      { words: '黑榜 · 整改中', since: '2023-02-10', issueId: '2023-02' },
      { words: '黑榜 · 复查合格', since: '2023-03-05', issueId: '2023-02' },
      { words: '黑榜 · 整改中', since: '2024-01-10', issueId: '2024-01' },
      { words: '黑榜 · 已过整改期限', since: '2024-02-11', issueId: '2024-01' },
    ]);
    // The current standing is the status the restaurant page shows.
    expect(standings.at(-1)!.words).toBe(status.label);
    // Every standing has its own code, of the documented form.
    const codes = standings.map((standing) => standing.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
  });

  it('the current code is the last one the history had on that day', () => {
    const full = standingsAsOf('2024-06-01').standings;
    const before = standingsAsOf('2024-02-10');
    // The day of the deadline itself it is still 整改中, with the code of that standing.
    expect(before.standings.at(-1)!.words).toBe('黑榜 · 整改中');
    expect(before.standings.map((standing) => standing.code)).toEqual(full.slice(0, 4).map((s) => s.code));
    expect(before.status.label).toBe('黑榜 · 整改中');
  });

  it('a re-inspection that leaves it 整改中 keeps the code; one that changes the words changes it', () => {
    const same = standingsAsOf('2024-02-01', ISSUES, [...FOLLOW_UPS, followUp('2024-01', 'a', '2024-01-20', '整改中')]);
    expect(same.standings.map((s) => s.code)).toEqual(standingsAsOf('2024-02-01').standings.map((s) => s.code));
    const failed = standingsAsOf('2024-02-01', ISSUES, [
      ...FOLLOW_UPS,
      followUp('2024-01', 'a', '2024-01-20', '复查不合格'),
    ]);
    expect(failed.standings.at(-1)!.words).toBe('黑榜 · 复查不合格');
    expect(failed.standings.at(-1)!.code).not.toBe(same.standings.at(-1)!.code);
  });

  it('codes stay the same when unrelated content changes', () => {
    const before = standingsAsOf('2024-06-01').standings;
    // Another restaurant listed again, re-inspected, a new issue elsewhere; the issues in another order.
    const issues = [
      ...ISSUES.toReversed(),
      issue(2024, 2, [entry('b', '黑榜', '2024-03-01', '2024-04-01'), entry('c', '红榜', '2024-03-02')]),
    ];
    const after = standingsAsOf('2024-06-01', issues, [
      ...FOLLOW_UPS,
      followUp('2024-02', 'b', '2024-03-20', '复查合格'),
    ]);
    expect(after.standings).toEqual(before);
  });

  it('the code is derived from the data alone, and differs between restaurants with the same standing', () => {
    const standing = { issueId: '2023-01', words: '红榜', since: '2023-01-10' };
    expect(stickerCode('a', standing)).toBe(stickerCode('a', { ...standing }));
    expect(stickerCode('a', standing)).not.toBe(stickerCode('b', standing));
    expect(stickerCode('a', standing, 1)).not.toBe(stickerCode('a', standing));
  });

  it('the QR code’s address is the restaurant page with the code as its fragment', () => {
    expect(stickerTargetUrl('https://example.org', '/restaurants/a/', 'ACD346')).toBe(
      'https://example.org/restaurants/a/#s-ACD346',
    );
  });
});

describe('earlierStandings: codes an earlier build printed that the data no longer gives', () => {
  /** 黑榜 (2024-01-10, deadline 2024-02-10) for restaurant a, with the given re-inspections and later issues. */
  const late = (followUps: FollowUp[], later: ListIssue[] = []) => {
    const issues = [issue(2024, 1, [entry('a', '黑榜', '2024-01-10', '2024-02-10')]), ...later];
    return (asOf: string) => {
      const history = restaurantHistories(allAppearances(issues, followUps, asOf)).get('a')!;
      const standings = standingHistory('a', history, asOf);
      return { standings, earlier: earlierStandings('a', history, asOf, standings) };
    };
  };

  it('keeps 已过整改期限 when a re-inspection dated before the deadline was entered after it had passed', () => {
    // Built on 2024-02-12 without the re-inspection: the site showed 已过整改期限, and stickers were printed with it.
    const printed = late([])('2024-02-12').standings.at(-1)!;
    expect(printed.words).toBe('黑榜 · 已过整改期限');
    // On 2024-02-14 the re-inspection of 2024-02-08 (复查合格) is entered: the history no longer has that standing.
    const { standings, earlier } = late([followUp('2024-01', 'a', '2024-02-08', '复查合格')])('2024-02-14');
    expect(standings.map((standing) => standing.words)).toEqual(['黑榜 · 整改中', '黑榜 · 复查合格']);
    expect(earlier.map(({ words, since, code }) => ({ words, since, code }))).toEqual([
      { words: '黑榜 · 已过整改期限', since: '2024-02-11', code: printed.code },
    ]);
  });

  it('keeps a standing that a later issue, inspected before it began, takes back', () => {
    const printed = late([])('2024-03-01').standings.at(-1)!;
    const later = [issue(2024, 2, [entry('a', '红榜', '2024-02-05')])];
    const { standings, earlier } = late([], later)('2024-03-20');
    expect(standings.map((standing) => standing.words)).toEqual(['黑榜 · 整改中', '红榜']);
    expect(earlier.map((standing) => standing.code)).toEqual([printed.code]);
  });

  it('keeps a re-inspection’s standing that a later issue, published after it was entered, takes back', () => {
    // 复查合格 on 2024-02-08 is shown from then on (stickers printed); issue 2024-02, inspected 2024-02-05 but
    // published on 2024-02-28, then lists the restaurant 红榜 from 2024-02-05, before that re-inspection.
    const printed = late([followUp('2024-01', 'a', '2024-02-08', '复查合格')])('2024-02-20').standings.at(-1)!;
    expect(printed.words).toBe('黑榜 · 复查合格');
    const later = [{ ...issue(2024, 2, [entry('a', '红榜', '2024-02-05')]), publishedOn: '2024-02-28' }];
    const { standings, earlier } = late([followUp('2024-01', 'a', '2024-02-08', '复查合格')], later)('2024-03-01');
    expect(standings.map((standing) => standing.words)).toEqual(['黑榜 · 整改中', '红榜']);
    expect(earlier.map((standing) => standing.code)).toContain(printed.code);
  });

  it('has nothing a timely record could not have changed, and never a code the history has', () => {
    // A re-inspection after the deadline: every standing a build could have shown is still in the history.
    expect(late([followUp('2024-01', 'a', '2024-02-20', '复查合格')])('2024-03-01').earlier).toEqual([]);
    // The long history: 复查合格 on 2023-03-05 came before its deadline (2023-03-10), so a build after the deadline
    // may have shown 已过整改期限 until it was entered; nothing else.
    const history = restaurantHistories(allAppearances(ISSUES, FOLLOW_UPS, '2024-06-01')).get('a')!;
    const standings = standingHistory('a', history, '2024-06-01');
    const earlier = earlierStandings('a', history, '2024-06-01', standings);
    expect(earlier.map(({ words, since }) => ({ words, since }))).toEqual([
      { words: '黑榜 · 已过整改期限', since: '2023-03-11' },
    ]);
    const codes = new Set(standings.map((standing) => standing.code));
    for (const standing of earlier) expect(codes.has(standing.code)).toBe(false);
    // A restaurant listed once has nothing earlier.
    const once = restaurantHistories(allAppearances(ISSUES, [], '2024-06-01')).get('b')!;
    expect(earlierStandings('b', once, '2024-06-01', standingHistory('b', once, '2024-06-01'))).toEqual([]);
  });
});

describe('qrSvgOf', () => {
  it('decodes to exactly its text, and names itself with the label escaped', async () => {
    const text = 'https://example.org/restaurants/ce-shi-jia-can-ting-2/#s-ACD346';
    const { size } = qrPath(text);
    const svg = qrSvgOf(qrPath(text), '二维码 <b>&"');
    expect(await decodeQrSvg(svg)).toBe(text);
    expect(svg).toContain('aria-label="二维码 &lt;b&gt;&amp;&quot;"');
    expect(size).toBeGreaterThan(21 + 8);
  });
});

describe('badgeSvg', () => {
  it('escapes every text it shows, and colours 红榜 red and 黑榜 black', () => {
    const svg = badgeSvg(
      '<script>alert(1)</script>"&',
      '食安&武清',
      { list: '黑榜', words: '黑榜 · 整改中' },
      '2024年1月10日',
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;');
    expect(svg).toContain('>食安&amp;武清</text>');
    expect(svg).toContain('>黑榜 · 整改中</text>');
    expect(svg).toContain('>2024年1月10日</text>');
    expect(svg).toContain('stroke="#1a1a1a"');
    expect(badgeSvg('甲', '乙', { list: '红榜', words: '红榜' }, '2024年1月10日')).toContain('stroke="#b3261e"');
  });

  it('shows the sign name, cut after 20 characters and squeezed into the panel when long', () => {
    const short = badgeSvg('福来饺子馆', '食安武清', { list: '红榜', words: '红榜' }, '2024年1月10日');
    expect(short).toMatch(/<text [^>]*>福来饺子馆<\/text>/);
    expect(short).not.toContain('textLength');
    expect(badgeName('福来饺子馆')).toEqual({ text: '福来饺子馆', squeeze: false });
    // 12 Chinese characters fill the 152-pixel panel at 12 px; 13 are squeezed; a Latin letter counts 0.7 (bold
    // capitals: GOLDEN DUMPLING HOU… is 160 px wide in Chromium).
    expect(badgeName('一二三四五六七八九十甲乙').squeeze).toBe(false);
    expect(badgeName('一二三四五六七八九十甲乙丙').squeeze).toBe(true);
    expect(badgeName('Golden Dumpling').squeeze).toBe(false);
    expect(badgeName('GOLDEN DUMPLING HOUSE').squeeze).toBe(true);
    expect(badgeName('麦当劳（WUQING DEPOT店）').squeeze).toBe(true);
    const long = '天津市武清区杨村街道运河人家家常菜馆有限公司第二分店';
    expect(badgeName(long)).toEqual({ text: `${[...long].slice(0, 19).join('')}…`, squeeze: true });
    expect(badgeSvg(long, '食安武清', { list: '红榜', words: '红榜' }, '2024年1月10日')).toContain(
      `textLength="152" lengthAdjust="spacingAndGlyphs">${[...long].slice(0, 19).join('')}…</text>`,
    );
  });
});

describe('qrPathsInBackground', () => {
  const texts = Array.from({ length: 40 }, (_, index) => `https://example.org/restaurants/r-${index}/#s-ACD34${index}`);

  it('hands over each text’s path as made on this thread, whatever the order asked', async () => {
    const paths = qrPathsInBackground(texts, QR_WORKER);
    const asked = [texts[39]!, texts[0]!, ...texts.slice(1, 39)];
    const got = await Promise.all(asked.map((text) => paths.get(text)));
    expect(got).toEqual(asked.map(qrPath));
    // Asked again after it was handed over, or never given to the worker: made on this thread.
    expect(await paths.get(texts[3]!)).toEqual(qrPath(texts[3]!));
    expect(await paths.get('https://example.org/other/')).toEqual(qrPath('https://example.org/other/'));
  });

  it('answers every page that asks for the same text while the worker makes it', async () => {
    const paths = qrPathsInBackground(texts, QR_WORKER);
    const last = texts.at(-1)!;
    const both = await Promise.all([paths.get(last), paths.get(last)]);
    expect(both).toEqual([qrPath(last), qrPath(last)]);
  });

  it('makes the codes on this thread, and says so, when the worker cannot run', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const paths = qrPathsInBackground(texts.slice(0, 3), join(tmpdir(), 'no-such-worker.ts'));
      expect(await paths.get(texts[1]!)).toEqual(qrPath(texts[1]!));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('二维码改在主线程生成'));
    } finally {
      warn.mockRestore();
    }
  });
});

describe('nameFit', () => {
  it('keeps names of up to 24 characters at full size and sets longer ones smaller, step by step', () => {
    const name = (length: number) => '测'.repeat(length);
    expect([1, 24, 25, 36, 37, 50, 51, 200].map((length) => nameFit(name(length)))).toEqual([
      'full',
      'full',
      'smaller',
      'smaller',
      'small',
      'small',
      'smallest',
      'smallest',
    ]);
    // Characters, not UTF-16 units: a name of 24 characters outside the BMP is still full size.
    expect(nameFit('𠀀'.repeat(24))).toBe('full');
  });
});
