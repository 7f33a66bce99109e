/**
 * Astro marks each MDX entry's propagated-assets module with the directive "use astro:head-inject"
 * (astro/src/content/vite-plugin-content-assets.ts). Astro reads it from the module's source while building, so the
 * bundler dropping it from the output changes nothing; Rolldown still warns about it once per MDX file (2,000 warnings
 * at 2,000 articles, hiding any real one). Astro issue #18087. Only that directive's warning is dropped: every other
 * log, and every other module-level directive, still reaches the build log.
 */
import type { BuildOptions } from 'vite';

type OnLog = NonNullable<NonNullable<BuildOptions['rolldownOptions']>['onLog']>;

/** Whether a build log is Rolldown's warning about Astro's head-inject directive. */
export function isHeadInjectDirectiveWarning(log: { code?: string; message?: string }): boolean {
  return log.code === 'MODULE_LEVEL_DIRECTIVE' && (log.message ?? '').includes('"use astro:head-inject"');
}

/** A Rolldown `onLog` that passes every log on except that warning. */
export const onBuildLog: OnLog = (level, log, handler) => {
  if (level === 'warn' && isHeadInjectDirectiveWarning(log)) return;
  handler(level, log);
};
