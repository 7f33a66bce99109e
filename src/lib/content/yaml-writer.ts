/**
 * The one YAML writer: every file the project writes for staff (the editor's saves, the importer's issues and
 * registry additions, the benchmark's synthetic content) is written here, in the form the reader
 * (src/lib/content/yaml.ts) accepts. Nothing outside src/lib/content/ imports the `yaml` package (eslint.config.js).
 */
import { stringify } from 'yaml';

/**
 * Writing options: no line wrapping (a long sentence stays on its line, as staff wrote it), and never an anchor or
 * alias for a value written twice (the reader refuses `&` and `*`, which staff never mean to write); skipping that
 * search also makes large registries faster to write.
 */
const OUTPUT = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * A value as YAML text, ending with a line break.
 * @param value plain data: objects, lists, text, numbers, booleans
 */
export function writeYaml(value: unknown): string {
  return stringify(value, OUTPUT);
}
