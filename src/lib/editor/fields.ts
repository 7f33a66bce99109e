/**
 * Decap CMS fields whose rules come from the schemas the build validates with: the label is the schema's
 * `.describe()` text, `required` is whether the schema accepts the field left out, `pattern` is the schema's own
 * pattern with the schema's own Chinese message, and `options` are its choices. So the editor refuses what
 * `check:content` refuses, in the same words, and the two cannot drift (tests/unit/cms-config.test.ts).
 */
import { z } from 'astro/zod';
import { describeField, schemaAt, unwrap } from '../content-errors.ts';

/** A field of the Decap CMS configuration (only what this project uses). */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  pattern?: [string, string];
  options?: (string | { label: string; value: string })[];
  fields?: CmsField[];
  field?: CmsField;
  [option: string]: unknown;
}

/** What a schema says of one field. */
export interface SchemaRules {
  label: string;
  /** False when the field may be left out (optional, or has a default). */
  required: boolean;
  /** The pattern its text must match, and the message the pipeline gives when it does not. */
  pattern?: [string, string];
  /** The values an enum field may take. */
  options?: string[];
}

/** The schema whose rules a form field shows: without wrappers, and a pipe's text side. */
function fieldSchema(schema: z.ZodType): z.ZodType {
  const inner = unwrap(schema);
  if (!(inner instanceof z.ZodPipe)) return inner;
  // isoDateSchema is z.preprocess(…, z.string()…): the text rules are on the output side; a transform's on its input.
  return (inner.out instanceof z.ZodTransform ? inner.in : inner.out) as z.ZodType;
}

/**
 * The rules the schema at `path` sets for one field.
 * @throws when the path names no field of the schema (a typo in the CMS configuration)
 */
export function schemaRules(schema: z.ZodType, path: readonly string[]): SchemaRules {
  const field = schemaAt(schema, path);
  if (!field) throw new Error(`CMS field ${path.join('.')} is not in the schema`);
  const label = describeField(schema, path);
  if (!label) throw new Error(`CMS field ${path.join('.')} has no label (.describe()) in the schema`);
  const required = !(field instanceof z.ZodOptional || field instanceof z.ZodDefault);
  const inner = fieldSchema(field);
  const rules: SchemaRules = { label, required };
  if (inner instanceof z.ZodEnum) rules.options = inner.options.map(String);
  if (inner instanceof z.ZodString) {
    for (const check of inner.def.checks ?? []) {
      const pattern = (check._zod.def as { pattern?: unknown }).pattern;
      if (!(pattern instanceof RegExp)) continue;
      // The message the pipeline gives is the schema's own: take it from a value that fails the pattern.
      const issue = z
        .string()
        .check(check)
        .safeParse('\u0000')
        .error?.issues.find((candidate) => candidate.code === 'invalid_format');
      rules.pattern = [pattern.source, issue?.message ?? '格式不符合要求'];
      break;
    }
  }
  return rules;
}

/**
 * A CMS field for the schema's field at `path` (its last key is the field's name): label, required, pattern and
 * choices from the schema; widget, hint and other options from `options`.
 */
export function schemaField(
  schema: z.ZodType,
  path: readonly string[],
  options: Partial<CmsField> & { widget: string },
): CmsField {
  const rules = schemaRules(schema, path);
  const field: CmsField = { name: path.at(-1)!, label: rules.label, required: rules.required, ...options };
  if (rules.pattern && !options.pattern) field.pattern = rules.pattern;
  if (rules.options && !options.options) field.options = rules.options;
  return field;
}
