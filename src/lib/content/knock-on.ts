/**
 * Knock-on problems: when a YAML list cannot be read (a syntax mistake in content/restaurants.yaml, say), its entries
 * are missing, and every rule that looks them up would report each reference to them as wrong (“请先登记该餐厅” for
 * every restaurant of every issue), sending staff to fix what is not broken. The pipeline declares which lists each
 * cross-file check depends on; while one of them cannot be read, the check is skipped (or its lookups count a miss as
 * found), and the list gets one problem saying so. The list's own problems are reported as always.
 */
import type { ContentProblem } from '../content-errors.ts';

/** The one problem on a list that could not be read, when checks depending on it were skipped. */
export const SKIPPED_CHECKS_MESSAGE =
  '这个文件无法读取，依赖它的其他检查（其他文件引用这里的编号、指向相关页面的链接等）已暂时跳过：' +
  '请先按上面的提示改好这个文件，再重新检查。';

/** Which lists could not be read, and which of them other checks were skipped for. */
export class KnockOns {
  readonly #unreadable = new Set<string>();
  readonly #skipped = new Set<string>();

  /** Records a list whose entries could not be read (missing, or a mistake that stops it being parsed). */
  unreadable(file: string): void {
    this.#unreadable.add(file);
  }

  /** The files among `files` that could not be read; each is recorded as having had checks skipped for it. */
  #blocking(files: readonly string[]): string[] {
    const blocking = files.filter((file) => this.#unreadable.has(file));
    for (const file of blocking) this.#skipped.add(file);
    return blocking;
  }

  /**
   * The problems of a check that depends on the entries of `files`: all of them while every file could be read, none
   * (the check is skipped) when any could not.
   */
  gate(files: readonly string[], problems: readonly ContentProblem[]): ContentProblem[] {
    return this.#blocking(files).length > 0 ? [] : [...problems];
  }

  /**
   * A lookup among entries that come from `files`: as given while every file could be read; otherwise a miss counts
   * as found, since the entry may be among those that could not be read.
   */
  lookup<A extends unknown[]>(files: readonly string[], has: (...args: A) => boolean): (...args: A) => boolean {
    return this.#blocking(files).length > 0 ? () => true : has;
  }

  /** A set of ids that come from `files`, tolerant like {@link lookup}: `has` finds every id while one is unread. */
  set<T>(files: readonly string[], values: ReadonlySet<T>): ReadonlySet<T> {
    if (this.#blocking(files).length === 0) return values;
    return new Proxy(values, {
      get(target, property) {
        if (property === 'has') return () => true;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** One problem per list that could not be read and for which other checks were skipped. */
  notes(): ContentProblem[] {
    return [...this.#skipped].sort().map((file) => ({ file, message: SKIPPED_CHECKS_MESSAGE }));
  }

  /** `problems` with each of {@link notes} placed right after the last problem of its list (at the end if none). */
  withNotes(problems: readonly ContentProblem[]): ContentProblem[] {
    const result = [...problems];
    for (const note of this.notes()) {
      const last = result.findLastIndex((problem) => problem.file === note.file);
      result.splice(last < 0 ? result.length : last + 1, 0, note);
    }
    return result;
  }
}
