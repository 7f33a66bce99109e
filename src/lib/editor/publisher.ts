/**
 * Publishing from the editor service: after a 审核 approves a change, the existing publish pipeline
 * (scripts/publish.ts: check, build, swap of `current`) runs as a child process with the service's own SITE_URL and
 * PUBLISH_DIR, one at a time. An approval while a publish runs is not lost: one more publish is queued, and it starts
 * when the running one ends, so it includes every change approved meanwhile. The last result (success with the time
 * it went live, or the pipeline's own Chinese error output) is kept for the editor's pages.
 *
 * SHIAN_EDITOR_PUBLISH=0 turns publishing off (the change is committed and the next timer run publishes it); the
 * tests use it, and an injected publish function, to avoid a build for every approval.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The outcome of one publish. */
export interface PublishResult {
  ok: boolean;
  /** ISO time it ended (when the site went live, on success). */
  finishedAt: string;
  /** What the pipeline printed (its Chinese messages), trimmed to the last lines. */
  output: string;
}

/** Runs one publish of the project. */
export type PublishRun = () => Promise<PublishResult>;

/** What the editor shows about publishing. */
export interface PublishStatus {
  running: boolean;
  queued: boolean;
  /** Publishing is off (SHIAN_EDITOR_PUBLISH=0). */
  off: boolean;
  last: PublishResult | null;
}

const LAST_LINES = 40;

/** The publish pipeline of this code (scripts/publish.ts). */
const PUBLISH_SCRIPT = fileURLToPath(new URL('../../../scripts/publish.ts', import.meta.url));

/** The publish pipeline as a child process (`node scripts/publish.ts`) on the project at `root`, with `env`. */
export function pipelineRun(root: string, env: NodeJS.ProcessEnv = process.env): PublishRun {
  return () =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [PUBLISH_SCRIPT], {
        cwd: root,
        env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const collect = (chunk: Buffer) => (output += chunk.toString('utf8'));
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      const finish = (ok: boolean, extra = '') =>
        resolve({
          ok,
          finishedAt: new Date().toISOString(),
          output: `${output}${extra}`.trim().split('\n').slice(-LAST_LINES).join('\n'),
        });
      child.on('error', (error) => finish(false, `\n发布程序没有启动：${error.message}`));
      child.on('close', (code) => finish(code === 0));
    });
}

/** One publish at a time for a project, with at most one more queued behind it. */
export class Publisher {
  readonly #run: PublishRun | null;
  #running: Promise<PublishResult> | null = null;
  #queued: Promise<PublishResult> | null = null;
  #last: PublishResult | null = null;

  /** @param run the publish to run; null when publishing is off */
  constructor(run: PublishRun | null) {
    this.#run = run;
  }

  /** Publishing as the service's environment says: off with SHIAN_EDITOR_PUBLISH=0, else the pipeline. */
  static fromEnv(root: string, env: NodeJS.ProcessEnv = process.env): Publisher {
    return new Publisher(env.SHIAN_EDITOR_PUBLISH === '0' ? null : pipelineRun(root, env));
  }

  /**
   * Publishes: starts now when nothing runs; otherwise waits for the running publish and then runs once more (shared
   * by every request made meanwhile). Resolves with that publish's result; null when publishing is off.
   */
  publish(): Promise<PublishResult | null> {
    const run = this.#run;
    if (!run) return Promise.resolve(null);
    if (!this.#running) return this.#start(run);
    if (!this.#queued) {
      this.#queued = this.#running.then(() => {
        this.#queued = null;
        return this.#start(run);
      });
    }
    return this.#queued;
  }

  #start(run: PublishRun): Promise<PublishResult> {
    const running = run().then(
      (result) => result,
      (error: unknown) => ({ ok: false, finishedAt: new Date().toISOString(), output: String(error) }),
    );
    this.#running = running.then((result) => {
      this.#last = result;
      this.#running = null;
      return result;
    });
    return this.#running;
  }

  /** Whether a publish runs or waits, and the last result. */
  status(): PublishStatus {
    return {
      running: this.#running !== null,
      queued: this.#queued !== null,
      off: this.#run === null,
      last: this.#last,
    };
  }
}
