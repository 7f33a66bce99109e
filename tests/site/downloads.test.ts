/**
 * Attachments are saved under their Chinese titles: a file published under a pinyin address
 * (/files/2026/xuan-chuan-zhou-huo-dong-bao-ming-biao.pdf) is downloaded as 宣传周活动报名表.pdf. Every link the fixture
 * site makes to an attachment or a campaign material carries `download="<title>.<ext>"`, and its text stays Chinese.
 */
import { describe, expect, it } from 'vitest';
import { innerHtml, startTags, textOf } from '../helpers/html.ts';
import { builtSite } from '../helpers/site.ts';

const site = builtSite('fixture');

/** An address under /files/ or /materials/ that is no picture. */
const DOWNLOADABLE = /^\/(files|materials)\/.+\.(?!png$|jpe?g$|webp$)[a-z0-9]+$/i;

/** Every link of a page to a downloadable file (not a picture) under /files/ or /materials/. */
function fileLinks(html: string): Array<{ href: string; download: string | undefined; text: string }> {
  return startTags(html)
    .filter((tag) => tag.name === 'a' && DOWNLOADABLE.test(tag.attrs.href ?? ''))
    .map((tag) => ({
      href: tag.attrs.href!,
      download: tag.attrs.download,
      text: textOf(innerHtml(html, tag)),
    }));
}

describe('download names', () => {
  it.each([
    // The 附件 list of an article (front matter attachments).
    ['/articles/campaign-2025-notice/', '/files/2025/test-form.pdf', '测试报名表.pdf', '下载（PDF，'],
    // <DownloadCard> in an article's body.
    ['/articles/article-components-demo/', '/files/2025/test-attachment.pdf', '测试附件.pdf', '下载（PDF，'],
    // A campaign's materials, on the campaign page and the material's own page.
    ['/campaign/2025/', '/materials/2025/test-leaflet.pdf', '测试折页：宣传周资料（虚构）.pdf', '下载折页（PDF，'],
    [
      '/campaign/2025/materials/test-leaflet/',
      '/materials/2025/test-leaflet.pdf',
      '测试折页：宣传周资料（虚构）.pdf',
      '下载折页（PDF，',
    ],
    // A progress report's attachments on the task page.
    ['/plan/2030/tasks/1/', '/files/2025/test-form.pdf', '会议纪要.pdf', '会议纪要'],
  ])('%s links %s with download="%s"', (page, href, download, text) => {
    const links = fileLinks(site.page(page)).filter((link) => link.href === href);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.download).toBe(download);
      expect(link.text).toContain(text);
    }
  });

  it('gives every link to an attachment or material on the site a Chinese download name', () => {
    let count = 0;
    for (const page of site.pages()) {
      for (const link of fileLinks(site.page(page))) {
        count += 1;
        const extension = link.href.slice(link.href.lastIndexOf('.'));
        expect(link.download, `${page} ${link.href}`).toMatch(/\p{Script=Han}/u);
        expect(link.download!.endsWith(extension), `${page} ${link.download}`).toBe(true);
        expect(link.download, `${page} ${link.href}`).not.toMatch(/[\\/:*?"<>|]/);
      }
    }
    expect(count).toBeGreaterThanOrEqual(5);
  });
});
