/**
 * What may be published, file by file (src/lib/content/file-tree.ts), the addresses of downloads
 * (src/lib/content/public-files.ts), the one slug rule (src/lib/slug.ts), and the build's own checks of the files
 * (src/integrations/published-files.ts) run alone, without the content pipeline: each refuses links, wrong types and
 * paths out of their folder by itself.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBuiltSite, checkProjectFiles, publishedFiles } from '../../src/integrations/published-files.ts';
import { checkFileTree, diskTree, listFolder, mdxFileNameProblem, pathState } from '../../src/lib/content/file-tree.ts';
import { attachmentProblem, publicFileSize, publicPathProblem } from '../../src/lib/content/public-files.ts';
import { isSlug, suggestSlug } from '../../src/lib/slug.ts';
import { slugSchema } from '../../src/schemas/common.ts';
import { allowedSamples, HTML, SVG } from '../helpers/sample-files.ts';

const scratch = mkdtempSync(join(tmpdir(), 'shian-published-'));
/** A folder outside the project, with a real PDF in it: what links point at. */
const outside = join(scratch, 'outside');
const project = join(scratch, 'project');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const write = (file: string, content: string | Uint8Array) => {
  mkdirSync(dirname(join(project, file)), { recursive: true });
  writeFileSync(join(project, file), content);
};
const link = (file: string, target: string) => {
  mkdirSync(dirname(join(project, file)), { recursive: true });
  symlinkSync(target, join(project, file));
};

let samples: Record<string, Buffer>;
beforeAll(async () => {
  samples = await allowedSamples();
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'secret.pdf'), samples.pdf!);
  writeFileSync(join(outside, 'photo.png'), samples.png!);
  write('content/articles/a.mdx', '---\ntitle: a\n---\n');
  write('content/articles/images/cover.png', samples.png!);
  write('content/articles/images/fake.png', SVG);
  write('content/articles/images/logo.svg', SVG);
  write('content/plans/2030/plan.txt', '计划');
  write('public/favicon.svg', SVG);
  write('public/files/2025/notice.pdf', samples.pdf!);
  write('public/files/2025/page.html', HTML);
  // A save in progress (src/lib/atomic-file.ts): not content, never reported.
  write('public/files/2025/.notice.pdf.tmp-123-0a1b2c3d', HTML);
  write('content/.restaurants.yaml.tmp-123-0a1b2c3d', '- id: [');
  link('public/files/2025/passwd.pdf', '/etc/passwd');
  link('public/files/linked', outside);
  link('content/articles/images/linked.png', join(outside, 'photo.png'));
  link('content/articles/images/linked-folder', outside);
});

describe('the file-tree check of a project', () => {
  it('lists each link as a link, never following it', () => {
    expect(listFolder(join(project, 'public/files')).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: '2025', type: 'directory' },
      { name: 'linked', type: 'symlink' },
    ]);
    expect(listFolder(join(project, 'public/files/linked'))).toEqual([]);
  });

  it('says how far a path leads without a link', () => {
    expect(pathState(project, 'public/files/2025/notice.pdf')).toBe('plain');
    expect(pathState(project, 'public/files/2025/missing.pdf')).toBe('missing');
    expect(pathState(project, 'public/files/linked/secret.pdf')).toBe('blocked');
    expect(pathState(project, 'public/files/2025/passwd.pdf')).toBe('blocked');
    expect(pathState(project, 'public/files/../../package.json')).toBe('blocked');
    expect(pathState(project, 'public/files/2025/notice.pdf/x')).toBe('blocked');
  });

  it('refuses every link, every disallowed attachment and every picture whose bytes are not its name', () => {
    const { problems, attachments } = checkFileTree(diskTree(project));
    const byFile = Object.fromEntries(problems.map((problem) => [problem.file, problem.message]));
    expect(Object.keys(byFile).sort()).toEqual([
      'content/articles/images/fake.png',
      'content/articles/images/linked-folder',
      'content/articles/images/linked.png',
      'content/articles/images/logo.svg',
      'public/files/2025/page.html',
      'public/files/2025/passwd.pdf',
      'public/files/linked',
    ]);
    for (const file of ['public/files/linked', 'public/files/2025/passwd.pdf', 'content/articles/images/linked.png'])
      expect(byFile[file]).toMatch(/^这是一个符号链接（快捷方式）.+请删除这个链接，把真正的文件复制到这里。$/);
    expect(byFile['content/articles/images/fake.png']).toContain('内容却是SVG 图形');
    expect(byFile['content/articles/images/logo.svg']).toContain('content/ 下不能放 .svg 文件');
    expect(byFile['public/files/2025/page.html']).toContain('这里不能放 .html 文件');
    // The site's own public files (favicon.svg) are not attachments.
    expect([...attachments].sort()).toEqual(['/files/2025/notice.pdf', '/files/2025/page.html']);
  });

  it('is what the build checks when it starts, run alone', () => {
    const integration = publishedFiles();
    const hooks = integration.hooks as Record<string, (options: object) => unknown>;
    hooks['astro:config:done']!({ config: { root: new URL(`file://${project}/`) } });
    expect(() => hooks['astro:build:start']!({})).toThrow(/content\/ 或 public\/ 中有 7 处不能发布的文件/);
    expect(checkProjectFiles(project).map((problem) => problem.file)).toContain('public/files/linked');
  });
});

describe('the check of a built site', () => {
  const site = join(scratch, 'dist');
  beforeAll(() => {
    mkdirSync(join(site, 'files/2025'), { recursive: true });
    mkdirSync(join(site, '_astro'), { recursive: true });
    writeFileSync(join(site, 'index.html'), HTML);
    writeFileSync(join(site, 'favicon.svg'), SVG);
    writeFileSync(join(site, 'files/2025/notice.pdf'), samples.pdf!);
  });

  it('passes a site with allowed files only', () => {
    expect(checkBuiltSite(site)).toEqual([]);
  });

  it('fails, run alone at the end of the build, on a link anywhere or a disallowed file under files/', () => {
    writeFileSync(join(site, 'files/2025/app.js'), 'alert(1)');
    writeFileSync(join(site, 'files/2025/fake.pdf'), HTML);
    symlinkSync('/etc/passwd', join(site, '_astro/passwd.txt'));
    const temporary = join(site, 'files/2025/.form.pdf.tmp-123-0a1b2c3d');
    writeFileSync(temporary, HTML);
    expect(checkBuiltSite(site).map((problem) => problem.file)).toEqual([
      'dist/_astro/passwd.txt',
      'dist/files/2025/app.js',
      'dist/files/2025/fake.pdf',
    ]);
    const hooks = publishedFiles().hooks as Record<string, (options: object) => unknown>;
    const logged: string[] = [];
    const logger = { info: (message: string) => logged.push(message) };
    expect(() => hooks['astro:build:done']!({ dir: new URL(`file://${site}/`), logger })).toThrow(
      /中有 3 处不能发布的文件，已停止发布/,
    );
    // A writer's temporary file that Astro copied from public/files/ is taken out of the site.
    expect(existsSync(temporary)).toBe(false);
    expect(logged).toEqual(['已从构建结果中去掉编辑中的临时文件 files/2025/.form.pdf.tmp-123-0a1b2c3d']);
  });
});

describe('download addresses', () => {
  const attachments = new Set(['/files/2025/notice.pdf']);
  const built = new Set(['/data/redblack.csv', '/articles/']);

  it('accept exactly an existing file under public/files/', () => {
    expect(attachmentProblem('/files/2025/notice.pdf', attachments, built)).toBeNull();
  });

  it.each([
    ['/data/redblack.csv', '是网站自动生成的页面或文件'],
    ['/articles/', '是网站自动生成的页面或文件'],
    ['/files/2025/notice.pdf?v=2', '不能带“?”或“#”'],
    ['/files/2025/notice.pdf#page=2', '不能带“?”或“#”'],
    ['/files/../../package.json', '不能含有“..”'],
    ['/files/2025/../2025/notice.pdf', '不能含有“..”'],
    ['/files/2025//notice.pdf', '不能含有“..”'],
    ['/files/2025/%6eotice.pdf', '不能含有“..”'],
    ['/files/2025\\notice.pdf', '不能含有“..”'],
    ['/materials/2022/poster.pdf', '应为 public/files/ 下的文件'],
    ['files/2025/notice.pdf', '应为 public/files/ 下的文件'],
    ['/files/2025/missing.pdf', '文件不存在：public/files/2025/missing.pdf。请把文件放到 public/files/2025/ 目录下'],
  ])('refuse %s', (path, message) => {
    expect(attachmentProblem(path, attachments, built)).toContain(message);
  });

  it('for materials, the same rules under public/materials/', () => {
    expect(publicPathProblem('/materials/2022/poster.pdf', '/materials/')).toBeNull();
    expect(publicPathProblem('/materials/../../package.json', '/materials/')).toContain('不能含有“..”');
  });

  it('are read by the build only as files under their folder, never through a link or `..`', () => {
    expect(publicFileSize(project, '/files/2025/notice.pdf', '/files/')).toBe(samples.pdf!.length);
    expect(() => publicFileSize(project, '/files/../../package.json', '/files/')).toThrow(/不能含有“\.\.”/);
    expect(() => publicFileSize(project, '/files/2025/passwd.pdf', '/files/')).toThrow(/是符号链接/);
    expect(() => publicFileSize(project, '/files/linked/secret.pdf', '/files/')).toThrow(
      /实际位置不在 public\/files\/ 下/,
    );
    expect(() => publicFileSize(project, '/files/2025/notice.pdf?v=2', '/files/')).toThrow(/不能带“\?”/);
    expect(() => publicFileSize(project, '/files/2025/missing.pdf', '/files/')).toThrow(/不存在/);
  });
});

describe('slugs: one rule', () => {
  it('is the schemas’ rule', () => {
    for (const text of ['a', 'bad-name', '2024-09', 'x1-y2'])
      expect([isSlug(text), slugSchema.safeParse(text).success]).toEqual([true, true]);
    for (const text of ['Bad Name', 'Upper', 'a--b', '-a', 'a-', '冷链', 'a_b', '.draft', ''])
      expect([isSlug(text), slugSchema.safeParse(text).success]).toEqual([false, false]);
  });

  it('suggests a corrected name', () => {
    expect(suggestSlug('Bad Name')).toBe('bad-name');
    expect(suggestSlug('Upper')).toBe('upper');
    expect(suggestSlug('冷链 食品_2024')).toBe('leng-lian-shi-pin-2024');
    expect(suggestSlug('!!!')).toBe('item');
  });

  it('names an article whose file name is not one, with the name to use', () => {
    expect(mdxFileNameProblem('content/articles/good-name.mdx')).toBeNull();
    expect(mdxFileNameProblem('content/articles/Bad Name.mdx')).toBe(
      '文件名“Bad Name.mdx”不能用作网址：文件名只能使用小写英文字母、数字和连字符“-”，不能有大写字母、空格、中文或其他符号。' +
        '请把文件改名为 bad-name.mdx（或另一个符合要求的名字）。',
    );
    expect(mdxFileNameProblem('content/articles/Upper.mdx')).toContain('请把文件改名为 upper.mdx');
  });
});
