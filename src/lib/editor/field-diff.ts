/**
 * What a change does to an entry, field by field, for the 审核's review page: each field that differs with its
 * Chinese label (the editor form's own), its old and new value as text, and long texts (the body, lists) as a line
 * diff. Files are read with the editor's own readers (src/lib/content/editor-format.ts), so the review shows the data
 * the form and the check see. Pure: no file access.
 */
import { diffLines } from 'diff';
import { readMdxFields, readYamlListItems, readYamlMapFields } from '../content/editor-format.ts';
import { writeYaml } from '../content/yaml-writer.ts';
import type { CmsField } from './fields.ts';

/** One line of a line diff: kept, added or removed. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** One field that differs. */
export interface FieldChange {
  name: string;
  label: string;
  kind: 'added' | 'removed' | 'changed';
  before: string;
  after: string;
  /** For values over one line: the line diff. */
  lines: DiffLine[] | null;
}

/** The readers of the editor's formats, by file kind. */
export type EntryFormat = 'mdx' | 'yaml-list' | 'yaml';

/** The format of an entry's file, from its path. */
export function formatOf(path: string): EntryFormat {
  if (path.endsWith('.mdx')) return 'mdx';
  return /content\/(restaurants|redblack\/follow-ups)\.yaml$/.test(path) ? 'yaml-list' : 'yaml';
}

/** An entry's fields as the form holds them; a file that cannot be read is one field, its text. */
function fieldsOf(text: string | null, format: EntryFormat): Record<string, unknown> {
  if (text === null) return {};
  try {
    if (format === 'mdx') return readMdxFields(text);
    if (format === 'yaml-list') return { items: readYamlListItems(text) };
    return readYamlMapFields(text);
  } catch {
    return { '(文件)': text };
  }
}

/** A value as staff read it: text as it is, anything else as YAML. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  return writeYaml(value).trimEnd();
}

/** The labels of a form's fields, by name (top level), from the editor's configuration. */
export function fieldLabels(fields: readonly CmsField[] | undefined): Map<string, string> {
  return new Map((fields ?? []).map((field) => [field.name, field.label]));
}

/** A line diff of two texts. */
export function lineDiff(before: string, after: string): DiffLine[] {
  return diffLines(before.endsWith('\n') ? before : `${before}\n`, after.endsWith('\n') ? after : `${after}\n`).flatMap(
    (part) =>
      part.value
        .replace(/\n$/, '')
        .split('\n')
        .map((text) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text }) as DiffLine),
  );
}

/**
 * The fields that differ between two versions of an entry's file, in the form's order (fields the form does not
 * know come last, under their own names).
 * @param before the file's text before (null: a new file)
 * @param after the file's text after (null: deleted)
 * @param labels the form's labels by field name ({@link fieldLabels})
 */
export function fieldDiff(
  before: string | null,
  after: string | null,
  format: EntryFormat,
  labels: ReadonlyMap<string, string>,
): FieldChange[] {
  const old = fieldsOf(before, format);
  const next = fieldsOf(after, format);
  const order = [...labels.keys()];
  const names = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort((a, b) => {
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    return rank(a) - rank(b);
  });
  return names.flatMap((name): FieldChange[] => {
    const was = shown(old[name]);
    const now = shown(next[name]);
    if (was === now) return [];
    const kind = was === '' ? 'added' : now === '' ? 'removed' : 'changed';
    const multiline = was.includes('\n') || now.includes('\n');
    return [
      {
        name,
        label: labels.get(name) ?? (name === 'body' ? '正文' : name),
        kind,
        before: was,
        after: now,
        lines: multiline ? lineDiff(was, now) : null,
      },
    ];
  });
}
