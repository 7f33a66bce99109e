/**
 * Puts script and markup into every kind of text field of a copy of the fixture site, as a careless paste or a
 * hostile spreadsheet would: these are data, so the site must build and show them as text, never run them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Payloads that would run or load something if any template let them through as markup. */
export const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(2)</script>',
  '{globalThis.alert(3)}',
  '<svg onload=alert(4)>',
  '<img src=//evil.example/x.png>',
  '</p><iframe src=https://evil.example/></iframe>',
  "javascript:alert('7')",
  '=HYPERLINK("http://evil.example","点我")',
] as const;

function replaceIn(dir: string, file: string, pairs: Array<[string, string]>): void {
  let text = readFileSync(join(dir, file), 'utf8');
  for (const [from, to] of pairs) {
    if (!text.includes(from)) throw new Error(`hostile fixture: “${from}” not in ${file}`);
    text = text.replace(from, to);
  }
  writeFileSync(join(dir, file), text);
}

/** YAML double-quoted, so any payload stays one string. */
const quoted = (text: string) => JSON.stringify(text);

/** Applies the payloads to a copy of the fixture site. */
export function makeHostile(dir: string): void {
  const [img, script, expression, svg, remote, iframe, js, formula] = PAYLOADS;
  replaceIn(dir, 'content/restaurants.yaml', [
    ['signName: 测试庚食堂', `signName: ${quoted(`测试庚食堂${img}`)}`],
    ['address: 梅厂镇测试四路 7 号（虚构地址）', `address: ${quoted(`梅厂镇${script}`)}`],
    ['registeredName: 测试区测试庚单位食堂', `registeredName: ${quoted(formula)}`],
  ]);
  replaceIn(dir, 'content/redblack/2024-02.mdx', [
    ['theme: 测试主题：秋季开学前随机检查（虚构）', `theme: ${quoted(`${expression}${script}`)}`],
    ['area: 杨村街道、梅厂镇', `area: ${quoted(svg)}`],
  ]);
  replaceIn(dir, 'content/redblack/follow-ups.yaml', [
    ['note: 测试说明：该从业人员已取得新的健康证明。', `note: ${quoted(iframe)}`],
  ]);
  replaceIn(dir, 'content/campaigns/2025.mdx', [
    ['title: 测试活动：食品安全咨询台', `title: ${quoted(`咨询台${img}`)}`],
    ['place: 杨村街道测试广场（虚构地点）', `place: ${quoted(js)}`],
  ]);
  replaceIn(dir, 'content/articles/science-hand-washing.mdx', [
    ['title: 测试科普：做饭前先洗手', `title: ${quoted(`洗手${script}`)}`],
    ['summary: 测试数据：一篇没有标签的测试科普文章。', `summary: ${quoted(`${remote}${expression}`)}`],
  ]);
  // The footer, on every page: 网站信息 has no file in the fixture.
  writeFileSync(join(dir, 'content/site.yaml'), `sponsor: ${quoted(`主办${script}`)}\naddress: ${quoted(iframe)}\n`);
  replaceIn(dir, 'content/departments.yaml', [
    ['summary: 测试数据：负责食用农产品质量安全监管。', `summary: ${quoted(svg)}`],
  ]);
  // Progress reports: on the task pages, the overview, the feed and the open data.
  replaceIn(dir, 'content/progress/2030-5-market-regulation-0705.yaml', [
    [
      'text: 更正 6 月 30 日的报告：上半年完成的抽检应为 480 批次，漏计了 30 批次农产品抽检。',
      `text: ${quoted(`更正${img}${iframe}`)}`,
    ],
  ]);
  replaceIn(dir, 'content/progress/2030-2-food-safety-office-1220.yaml', [
    ['reason: 评议办法未获通过，评议结果无法向社会公开。', `reason: ${quoted(formula)}`],
  ]);
}
