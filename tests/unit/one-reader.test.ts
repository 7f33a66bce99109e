/**
 * Nothing reads content except the pipeline (docs/architecture.md). ESLint forbids a YAML parser or a front-matter
 * splitter outside src/lib/content/ (eslint.config.js); this test finds what a lint rule cannot name: a file read of
 * content/ in the site's code or the scripts, outside src/lib/content/; and it checks that the editor page's browser
 * bundle, which reads files with the pipeline's own reader, pulls in no Node module.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every source file under a folder of the project, relative to the project. */
function sources(folder: string): string[] {
  return (readdirSync(join(ROOT, folder), { recursive: true }) as string[])
    .filter((name) => /\.(ts|mjs|js|astro)$/.test(name))
    .map((name) => join(folder, name));
}

/** A call that reads a file's bytes or text (listing a folder or reading its sizes is not reading content). */
const READ_CALL = /\b(readFileSync|readFile|createReadStream|openSync|open)\(/;
/** A path into content/: a literal naming the folder, or the pipeline's table of content files. */
const CONTENT_PATH = /['"`/]content(\/|['"`])|CONTENT_FILES/;

describe('nothing reads content except the pipeline', () => {
  it('no file read of content/ in src/ or scripts/ outside src/lib/content/', () => {
    const files = [...sources('src'), ...sources('scripts')].filter((file) => !file.startsWith('src/lib/content/'));
    expect(files.length).toBeGreaterThan(50);
    const reads = files.flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (READ_CALL.test(line) && CONTENT_PATH.test(line) ? [`${file}:${index + 1}`] : [])),
    );
    expect(reads).toEqual([]);
  });

  it('the check above finds such a read', () => {
    const line = "const text = readFileSync(join(root, 'content/towns.yaml'), 'utf8');";
    expect(READ_CALL.test(line) && CONTENT_PATH.test(line)).toBe(true);
    const table = 'const text = readFileSync(join(root, CONTENT_FILES.towns));';
    expect(READ_CALL.test(table) && CONTENT_PATH.test(table)).toBe(true);
  });
});

/** The modules a source file imports (static imports and re-exports), as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)]
    .filter((match) => !/^\s*(?:import|export)\s+type\s/.test(match[0]))
    .map((match) => match[1]!);
}

describe('the editor page reads files with the pipeline’s reader, in the browser', () => {
  it('src/scripts/admin.ts uses the pipeline’s reader and writer, and pulls in no Node module', () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
        else external.add(specifier);
      }
    };
    visit(join(ROOT, 'src/scripts/admin.ts'));
    const reached = [...seen].map((file) => relative(ROOT, file));
    expect(reached).toContain('src/lib/content/editor-format.ts');
    expect(reached).toContain('src/lib/content/yaml.ts');
    const node = [...external].filter((name) => name.startsWith('node:') || builtinModules.includes(name));
    expect(node, reached.join('\n')).toEqual([]);
  });
});
