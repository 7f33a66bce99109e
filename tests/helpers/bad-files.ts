/**
 * The bad-files corpus: what staff with write access to content/ and public/ could put there to publish what was
 * never checked, or to make the build read a file outside public/files/; and names and addresses that pass a looser
 * check but stop the build. Each case is applied to a copy of the fixture site (tests/fixtures/site/); every one
 * must be refused by `npm run check:content` and by `astro build` alike, naming its file (and line, where the
 * mistake is on one). Two families, one copy each: the files themselves (links, types), and paths and names.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { elfProgram, exeProgram, HTML, SCRIPT, SVG, XML } from './sample-files.ts';
import { ARTICLE_HEAD } from './bad-content.ts';

export interface BadFileCase {
  /** Short English name, unique. */
  name: string;
  /** The file the problem must be reported in, relative to the project. */
  file: string;
  /** The line it must be reported on, when the mistake is on a line of a text file. */
  line?: number;
  /** A part of the Chinese message. */
  message: string;
  /**
   * Makes the mistake in a copy of the fixture site.
   * @param outside a folder outside the project, holding a valid article.mdx, secret.pdf and secret.png
   */
  apply: (dir: string, outside: string) => void;
}

const write = (dir: string, file: string, content: string | Uint8Array) => {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), content);
};
const link = (dir: string, file: string, target: string) => {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  symlinkSync(target, join(dir, file));
};

const LINK = '这是一个符号链接（快捷方式）';
const NOT_ALLOWED = '这里不能放';
const NOT_WHAT_IT_SAYS = '内容却是';

/** A link at `file` to `target` (a path under the outside folder, or an absolute one). */
function linkCase(name: string, file: string, target: string): BadFileCase {
  return {
    name,
    file,
    message: LINK,
    apply: (dir, outside) => link(dir, file, target.startsWith('/') ? target : join(outside, target)),
  };
}

/** A file with the given bytes. */
function fileCase(name: string, file: string, content: () => string | Uint8Array, message: string): BadFileCase {
  return { name, file, message, apply: (dir) => write(dir, file, content()) };
}

/** Links anywhere under content/ and public/, to files and folders outside the project. */
const LINKS: BadFileCase[] = [
  linkCase('link-to-passwd-in-files', 'public/files/2025/passwd.pdf', '/etc/passwd'),
  linkCase('link-to-outside-pdf-in-files', 'public/files/2025/outside.pdf', 'secret.pdf'),
  linkCase('link-to-outside-folder-in-files', 'public/files/outside', '.'),
  linkCase('link-to-passwd-in-public', 'public/help/passwd.txt', '/etc/passwd'),
  linkCase('link-to-outside-picture-in-images', 'content/articles/images/outside.png', 'secret.png'),
  linkCase('link-to-outside-folder-in-images', 'content/articles/images/outside', '.'),
  linkCase('link-to-outside-article', 'content/articles/outside-article.mdx', 'article.mdx'),
];

/** Files whose type may not be published, by name or by bytes. */
const TYPES: BadFileCase[] = [
  fileCase('attachment-html', 'public/files/2025/page.html', () => HTML, NOT_ALLOWED),
  fileCase('attachment-js', 'public/files/2025/app.js', () => SCRIPT, NOT_ALLOWED),
  fileCase('attachment-svg', 'public/files/2025/logo.svg', () => SVG, NOT_ALLOWED),
  fileCase('attachment-xml', 'public/files/2025/data.xml', () => XML, NOT_ALLOWED),
  fileCase('attachment-svg-named-png', 'public/files/2025/chart.png', () => SVG, `${NOT_WHAT_IT_SAYS}SVG 图形`),
  fileCase('attachment-elf-named-pdf', 'public/files/2025/tool.pdf', elfProgram, `${NOT_WHAT_IT_SAYS}程序文件（ELF）`),
  fileCase('attachment-exe-named-pdf', 'public/files/2025/setup.pdf', exeProgram, `${NOT_WHAT_IT_SAYS}程序文件（EXE）`),
  fileCase('picture-svg-named-png', 'content/articles/images/fake.png', () => SVG, `${NOT_WHAT_IT_SAYS}SVG 图形`),
  fileCase('picture-svg', 'content/articles/images/logo.svg', () => SVG, 'content/ 下不能放 .svg 文件'),
];

/** An article, valid but for its body `body` (starting on line 12) or `front` (lines added at line 10). */
function articleCase(name: string, message: string, body: string, front = '', line = 12): BadFileCase {
  const file = `content/articles/bad-${name}.mdx`;
  const text = `${ARTICLE_HEAD.replace(/---\n$/, `${front}---\n`)}\n${body}\n`;
  return { name, file, line, message, apply: (dir) => write(dir, file, text) };
}
const attachment = (file: string) => `attachments:\n  - title: 附件\n    file: ${file}\n`;

/** Download addresses that are not exactly a file under public/files/, and article names that are not slugs. */
const PATHS: BadFileCase[] = [
  articleCase(
    'download-built-file',
    '是网站自动生成的页面或文件',
    '<DownloadCard title="开放数据" file="/data/redblack.csv" />',
  ),
  articleCase(
    'download-query',
    '不能带“?”或“#”',
    '<DownloadCard title="附件" file="/files/2025/test-attachment.pdf?v=2" />',
  ),
  articleCase(
    'download-fragment',
    '不能带“?”或“#”',
    '<DownloadCard title="附件" file="/files/2025/test-attachment.pdf#page=2" />',
  ),
  articleCase('download-dotdot', '不能含有“..”', '<DownloadCard title="附件" file="/files/../../package.json" />'),
  articleCase('attachment-dotdot', '不能含有“..”', '正文。', attachment('/files/../../package.json'), 12),
  articleCase('attachment-dotdot-pdf', '不能含有“..”', '正文。', attachment('/files/2025/../2025/test-form.pdf'), 12),
  articleCase('attachment-built-file', '应为 public/files/ 下的文件', '正文。', attachment('/data/redblack.csv'), 12),
  articleCase(
    'attachment-query',
    '应为 public/files/ 下的文件',
    '正文。',
    attachment('/files/2025/test-form.pdf?v=2'),
    12,
  ),
  {
    name: 'article-name-space',
    file: 'content/articles/Bad Name.mdx',
    message: '请把文件改名为 bad-name.mdx',
    apply: (dir) => write(dir, 'content/articles/Bad Name.mdx', `${ARTICLE_HEAD}\n正文。\n`),
  },
  {
    name: 'article-name-upper',
    file: 'content/articles/Upper.mdx',
    message: '请把文件改名为 upper.mdx',
    apply: (dir) => write(dir, 'content/articles/Upper.mdx', `${ARTICLE_HEAD}\n正文。\n`),
  },
  {
    name: 'material-dotdot',
    file: 'content/campaigns/2036.mdx',
    line: 12,
    message: '不能含有“..”',
    apply: (dir) =>
      write(
        dir,
        'content/campaigns/2036.mdx',
        '---\nyear: 2036\nnationalTheme: 测试主题\nstartDate: 2036-06-09\nendDate: 2036-06-15\n' +
          'organisers: [food-safety-office]\nsample: false\nevents: []\nmaterials:\n  - id: leaflet\n    title: 折页\n' +
          '    file: /materials/../help/example-attachment.pdf\n    kind: 折页\n    description: 说明。\n---\n',
      ),
  },
];

/** The corpus, in the copies it is built in: the files themselves, then paths and names. */
export const BAD_FILE_BATCHES: Readonly<Record<'files' | 'paths', readonly BadFileCase[]>> = {
  files: [...LINKS, ...TYPES],
  paths: PATHS,
};

/** Every case. */
export const BAD_FILES: readonly BadFileCase[] = Object.values(BAD_FILE_BATCHES).flat();

/** What the outside folder holds: a valid article, PDF and picture, so that only the link itself is wrong. */
export function fillOutside(outside: string, files: { pdf: Uint8Array; png: Uint8Array }): void {
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'secret.pdf'), files.pdf);
  writeFileSync(join(outside, 'secret.png'), files.png);
  writeFileSync(join(outside, 'article.mdx'), `${ARTICLE_HEAD}\n来自项目以外的文章。\n`);
}
