/**
 * npm run new:article — writes a new article, ready to edit, as a draft.
 *   npm run new:article -- --title "标题" --category science [--slug address-part]
 * Without flags, it asks for each in turn. The file is proposed to the content pipeline like any other change (the
 * one writer, src/lib/content/write-change.ts): the title, the category and the file name are held to the pipeline's
 * own rules, and the file is written only if it adds no problem.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { CONTENT_FILES, loadContent } from '../src/lib/content/pipeline.ts';
import { commitChange } from '../src/lib/content/write-change.ts';
import { siteNow, SiteNowError, todayInBeijing } from '../src/lib/dates.ts';
import { pinyinSlug } from '../src/lib/slug.ts';

/** The article file's text: valid front matter, marked as a draft, and a body to replace. */
export function articleTemplate(fields: { title: string; category: string; publishedAt: string }): string {
  return `---
title: ${JSON.stringify(fields.title)}
summary: 请用一两句话概括本文（不超过 120 字）。
publishedAt: '${fields.publishedAt}'
category: ${fields.category}
tags: []
source: 食安武清编辑部
tasks: []
sample: false
# 写完并检查无误后，把 draft 改为 false，文章才会出现在网站上。
draft: true
---

在这里写正文。段落之间空一行；小标题用“## ”开头。

<Callout type="tip">需要提醒读者的话可以放在提示框里。</Callout>
`;
}

/** Runs the scaffold; returns the exit code. */
export async function main(argv: string[], root = process.cwd(), now = siteNow()): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { title: { type: 'string' }, category: { type: 'string' }, slug: { type: 'string' } },
  });
  // The categories and the articles as the content pipeline reads them.
  const { model } = loadContent(root, { now });
  const categories = model.articleCategories;
  const taken = new Set(model.articles.map((article) => article.id));

  const ask = async (question: string): Promise<string> => {
    if (!process.stdin.isTTY) return '';
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await prompt.question(question);
    prompt.close();
    return answer.trim();
  };
  const title = values.title ?? (await ask('文章标题：'));
  const category =
    values.category ?? (await ask(`栏目（${categories.map((item) => `${item.id}=${item.name}`).join('，')}）：`));
  const slug =
    values.slug ??
    ((await ask('网址名（小写拼音或英文，用 - 连接；直接回车则按标题自动生成）：')) ||
      pinyinSlug(title, taken, 8, 'article'));

  const time = new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(11, 16);
  const file = `${CONTENT_FILES.articles}/${slug}.mdx`;
  const text = articleTemplate({ title, category, publishedAt: `${todayInBeijing(now)} ${time}` });
  const result = await commitChange(root, new Map([[file, text]]), { now, newFiles: [file] });
  if (!result.ok) {
    console.error(`没有创建文章，共 ${result.problems.length} 处问题：`);
    for (const problem of result.problems) console.error(`  - ${problem}`);
    return 1;
  }
  console.log(
    `已创建 ${file}（草稿）。\n编辑正文后运行 npm run check:content 检查，npm run dev 预览；确认无误后把 draft 改为 false。`,
  );
  return 0;
}

if (import.meta.main) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    // An unreadable SITE_NOW (the clock for tests and rehearsals): its message says what to write.
    if (!(error instanceof SiteNowError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
}
