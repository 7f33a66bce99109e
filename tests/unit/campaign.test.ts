/** Publicity-week rules with a bad fixture each, and the helpers behind the campaign pages. */
import { describe, expect, it } from 'vitest';
import { formatProblem, validateEntry } from '../../src/lib/content-errors.ts';
import { calendarDays, daysBetween, groupEvents, weekday } from '../../src/lib/campaign/calendar.ts';
import { downloadName, fileFormat, formatBytes } from '../../src/lib/campaign/files.ts';
import { checkCampaigns, type CampaignContext } from '../../src/lib/campaign/rules.ts';
import { renderIcs } from '../../src/lib/ics.ts';
import { campaignSchema, type Campaign, type CampaignEvent } from '../../src/schemas/campaign.ts';

const event = (overrides: Partial<CampaignEvent> = {}): CampaignEvent => ({
  id: 'opening',
  date: '2022-09-19',
  startTime: '09:30',
  endTime: '11:00',
  title: '启动仪式',
  organiser: 'food-safety-office',
  place: '示例广场',
  town: '120114001',
  category: '主场活动',
  description: '启动宣传周。',
  ...overrides,
});
const campaign = (overrides: Partial<Campaign> = {}): Campaign => ({
  year: 2022,
  nationalTheme: '共创食安新发展 共享美好新生活',
  startDate: '2022-09-19',
  endDate: '2022-09-25',
  organisers: ['food-safety-office'],
  sample: true,
  events: [event()],
  materials: [
    { id: 'poster', title: '海报', kind: '海报', file: '/materials/2022/poster.pdf', description: 'A4 海报。' },
  ],
  ...overrides,
});
const context: CampaignContext = {
  townIds: new Set(['120114001']),
  departmentIds: new Set(['food-safety-office', 'market-regulation']),
  fileExists: (path) => path === '/materials/2022/poster.pdf',
};
const check = (data: Campaign, id = '2022') =>
  checkCampaigns([{ file: `content/campaigns/${id}.mdx`, id, data }], context)
    .map(formatProblem)
    .join('\n');

describe('campaign rules', () => {
  it('accept a consistent campaign', () => {
    expect(check(campaign())).toBe('');
  });

  it('reject an event outside the campaign’s dates', () => {
    expect(check(campaign({ events: [event({ date: '2022-09-26' })] }))).toBe(
      '文件 content/campaigns/2022.mdx，条目“活动“启动仪式”（opening）”，字段“日期”（events.0.date）：' +
        '活动日期 2022-09-26 不在宣传周 2022-09-19 至 2022-09-25 之内。',
    );
  });

  it('reject an unknown town', () => {
    expect(check(campaign({ events: [event({ town: '120114999' })] }))).toMatch(
      /字段“所在镇街”（events\.0\.town）：没有代码为“120114999”的镇街/,
    );
  });

  it('reject an unknown organiser, for an event and for the campaign', () => {
    expect(check(campaign({ events: [event({ organiser: 'no-such-bureau' })] }))).toMatch(
      /字段“主办单位”（events\.0\.organiser）：没有编号为“no-such-bureau”的部门/,
    );
    expect(check(campaign({ organisers: ['food-safety-office', 'nobody'] }))).toMatch(
      /条目“2022年宣传周”，字段“组织单位”（organisers\.1）：没有编号为“nobody”的部门/,
    );
  });

  it('reject a material whose file does not exist', () => {
    const materials = [
      {
        id: 'leaflet',
        title: '折页',
        kind: '折页' as const,
        file: '/materials/2022/missing.pdf',
        description: '折页。',
      },
    ];
    expect(check(campaign({ materials }))).toBe(
      '文件 content/campaigns/2022.mdx，条目“资料“折页”（leaflet）”，字段“文件”（materials.0.file）：' +
        '文件不存在：public/materials/2022/missing.pdf。请把文件放到 public/materials/2022/ 目录下。',
    );
  });

  it('reject a material in a format the site does not offer', () => {
    const materials = [
      {
        id: 'leaflet',
        title: '折页',
        kind: '折页' as const,
        file: '/materials/2022/leaflet.exe',
        description: '折页。',
      },
    ];
    expect(check(campaign({ materials }))).toMatch(/字段“文件”（materials\.0\.file）：不支持的文件类型/);
  });

  it('reject duplicate event ids, an end before the start, and a file name that is not the year', () => {
    expect(check(campaign({ events: [event(), event({ title: '另一项' })] }))).toMatch(
      /字段“编号”（events\.1\.id）：编号“opening”已被本年的另一项活动使用/,
    );
    expect(check(campaign({ endDate: '2022-09-01', events: [] }))).toMatch(
      /字段“结束日期”（endDate）：结束日期 2022-09-01 早于开始日期 2022-09-19/,
    );
    expect(check(campaign({ events: [event({ endTime: '09:00' })] }))).toMatch(
      /字段“结束时间”（events\.0\.endTime）：结束时间 09:00 不晚于开始时间 09:30/,
    );
    expect(check(campaign(), '2022-week')).toMatch(/字段“年份”（year）：文件名应与年份一致，应为 2022\.mdx/);
  });

  it('the schema rejects a material without a file and a malformed time', () => {
    const withoutFile = {
      ...campaign(),
      materials: [{ id: 'poster', title: '海报', kind: '海报', description: '无文件。' }],
    };
    const where = { file: 'content/campaigns/2022.mdx', entry: '2022' };
    expect(validateEntry(campaignSchema, withoutFile, where).problems.map(formatProblem).join('\n')).toMatch(
      /字段“文件”（materials\.0\.file）：缺少必填内容/,
    );
    const badTime = { ...campaign(), events: [{ ...event(), startTime: '9:30' }] };
    expect(validateEntry(campaignSchema, badTime, where).problems.map(formatProblem).join('\n')).toMatch(
      /字段“开始时间”（events\.0\.startTime）：时间应写成 24 小时制 HH:MM/,
    );
  });
});

describe('files', () => {
  it.each([
    [0, '0 字节'],
    [1023, '1023 字节'],
    [1024, '1.0 KB'],
    [328976, '321 KB'],
    [1536000, '1.5 MB'],
    [52428800, '50 MB'],
  ])('formatBytes(%i) is %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  it('names formats from extensions and refuses unknown ones', () => {
    expect(fileFormat('/materials/2022/poster.PDF')).toBe('PDF');
    expect(fileFormat('/materials/a.jpeg')).toBe('JPEG');
    expect(fileFormat('/materials/a.exe')).toBeNull();
    expect(fileFormat('/materials/noextension')).toBeNull();
  });

  it.each([
    ['宣传周活动报名表', '/files/2026/xuan-chuan-zhou-huo-dong-bao-ming-biao.pdf', '宣传周活动报名表.pdf'],
    ['报名表.PDF', '/files/2026/bao-ming-biao.pdf', '报名表.pdf'],
    // Full-width punctuation is allowed in file names and kept; the half-width / is not.
    ['关于“放心餐厅”的通知：第 1/2 部分？', '/files/2026/tong-zhi.docx', '关于“放心餐厅”的通知：第 12 部分？.docx'],
    ['<script>"a"|b*</script>', '/files/x.pdf', 'scriptabscript.pdf'],
    ['  多个   空格\t与换行\n ', '/files/a.pdf', '多个 空格 与换行.pdf'],
    ['...隐藏.', '/files/a.pdf', '隐藏.pdf'],
    ['///', '/files/2026/bao-ming-biao.pdf', 'bao-ming-biao.pdf'],
    ['长'.repeat(100), '/files/a.pdf', `${'长'.repeat(80)}.pdf`],
  ])('downloadName(%j, %s) is %s', (title, path, expected) => {
    expect(downloadName(title, path)).toBe(expected);
  });
});

describe('calendar', () => {
  it('lists every day, including days without events, with events in time order', () => {
    const events = [
      event({ id: 'b', date: '2022-09-21', startTime: '14:00' }),
      event({ id: 'a', date: '2022-09-21', startTime: '09:00' }),
    ];
    expect(daysBetween('2022-09-19', '2022-09-21')).toEqual(['2022-09-19', '2022-09-20', '2022-09-21']);
    expect(
      calendarDays('2022-09-19', '2022-09-21', events).map((day) => [day.date, day.events.map((item) => item.id)]),
    ).toEqual([
      ['2022-09-19', []],
      ['2022-09-20', []],
      ['2022-09-21', ['a', 'b']],
    ]);
  });

  it('names weekdays and groups events', () => {
    expect(weekday('2022-09-19')).toBe('星期一');
    expect(weekday('2022-09-25')).toBe('星期日');
    const groups = groupEvents(
      [event({ id: 'x', town: 'B' }), event({ id: 'y', town: 'A', date: '2022-09-18' })],
      (item) => item.town,
    );
    expect(groups.map((group) => group.key)).toEqual(['A', 'B']);
  });
});

describe('renderIcs', () => {
  const ics = renderIcs({
    uid: '2022-opening@shian-wuqing',
    date: '2022-09-19',
    startTime: '09:30',
    title: '启动仪式, 咨询日',
    location: '杨村街道示例广场',
    description: '第一行\n第二行;很长的说明'.repeat(4),
    url: 'https://example.org/campaign/2022/events/opening/',
  });

  it('writes a calendar event in Beijing time, an hour long when no end is given', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('DTSTART;TZID=Asia/Shanghai:20220919T093000\r\n');
    expect(ics).toContain('DTEND;TZID=Asia/Shanghai:20220919T103000\r\n');
    expect(ics).toContain('SUMMARY:启动仪式\\, 咨询日\r\n');
  });

  it('escapes line breaks and folds lines to 75 octets', () => {
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(ics).toContain('DESCRIPTION:第一行\\n第二行\\;');
  });

  it('escapes backslashes, separators and every kind of line break, so no value can start a property', () => {
    const risky = renderIcs({
      uid: '2022-risky@shian-wuqing',
      date: '2022-09-19',
      startTime: '09:30',
      title: '讲座\r\nEND:VEVENT;会场,A\\B\rC',
      location: '广场\r北侧;东门,\\近\n路口\u0000\u007F\uD800',
      description: '第一行\r\n第二行\r第三行\n第四行\t完',
      url: 'https://example.org/campaign/2022/events/risky/',
    });
    const unfolded = risky.replaceAll('\r\n ', '');
    expect(unfolded).toContain('SUMMARY:讲座\\nEND:VEVENT\\;会场\\,A\\\\B\\nC\r\n');
    expect(unfolded).toContain('LOCATION:广场\\n北侧\\;东门\\,\\\\近\\n路口\r\n');
    expect(unfolded).toContain('DESCRIPTION:第一行\\n第二行\\n第三行\\n第四行\t完\r\n');
    // Every CR is followed by LF, every LF preceded by CR: line ends and folds only.
    expect(risky.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(risky.split('\r\n').filter((line) => line.startsWith('END:VEVENT'))).toHaveLength(1);
    for (const line of risky.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('folds at 75 octets without splitting a character', () => {
    const long = renderIcs({
      uid: '2022-long@shian-wuqing',
      date: '2022-09-19',
      startTime: '09:30',
      title: 'a'.repeat(7) + '食品安全宣传周'.repeat(10),
      location: '示例广场',
      description: '说明',
      url: 'https://example.org/campaign/2022/events/long/',
    });
    const lines = long.split('\r\n');
    const summary = lines.findIndex((line) => line.startsWith('SUMMARY:'));
    // 'SUMMARY:' and seven letters are 15 octets: twenty 3-octet characters fill the first line to exactly 75.
    expect(new TextEncoder().encode(lines[summary]).length).toBe(75);
    expect(lines[summary + 1]!.startsWith(' ')).toBe(true);
    expect(long.replaceAll('\r\n ', '')).toContain(`SUMMARY:${'a'.repeat(7)}${'食品安全宣传周'.repeat(10)}\r\n`);
    expect(long).not.toContain('\uFFFD');
  });
});
