/**
 * The HTTP headers the site is served with, defined once: `npm start`'s server (scripts/static-server.ts), the nginx
 * configuration (deploy/nginx.conf) and the `_headers` file for static hosts are all made from this module, and
 * tests check each of them against it.
 */

/**
 * SHA-256 hashes (base64) of the inline scripts the pages carry: the 长者模式 early switch in the layout's <head> and
 * the switch's own script. A site test computes the hash of every inline script in every built page and fails,
 * printing the new hash, when one is missing here — so a change to those scripts cannot silently break them.
 */
export const INLINE_SCRIPT_HASHES: readonly string[] = [
  // src/layouts/BaseLayout.astro: turns 长者模式 on before the first paint.
  'VcK2kDGuCa/b+Y8e3LzSAxUNXfArwiV3xNZgQ/h2OzA=',
  // src/components/ElderModeToggle.astro: the switch.
  'u5QPuwk7YxXm71QOl6MK9AjtPAAH+p5mKuARRKEfp6o=',
];

/** The Content-Security-Policy: only the site's own files; Pagefind's WebAssembly; no inline code but the above. */
export function contentSecurityPolicy(scriptHashes: readonly string[] = INLINE_SCRIPT_HASHES): string {
  const hashes = scriptHashes.map((hash) => `'sha256-${hash}'`).join(' ');
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${hashes ? ` ${hashes}` : ''}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    // Pagefind starts its worker from /pagefind/pagefind-worker.js, a file of the site: no blob: worker is needed.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every response carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** Cache policies, by kind of file. */
export const CACHE_CONTROL = {
  /** Files whose name carries a hash of their content (Astro's /_astro/ bundles): never change, cache for a year. */
  immutable: 'public, max-age=31536000, immutable',
  /** Pages: short, so a new list or a passed deadline reaches readers within minutes of publishing. */
  html: 'public, max-age=300, must-revalidate',
  /** Everything else (PDFs, open data, feeds, the search index): an hour, revalidated with ETag. */
  other: 'public, max-age=3600, must-revalidate',
  /**
   * Error answers (404, 400, 405 …): never stored, so a page published a minute later, or a bundle of a new build
   * asked for before it arrived, is not remembered as missing (a 404 under /_astro/ must not be kept a year).
   */
  error: 'no-store',
} as const;

/** Which cache policy a site address gets; `status` ≥ 400 means the answer is an error, whatever the address. */
export function cacheControlFor(path: string, status = 200): string {
  if (status >= 400) return CACHE_CONTROL.error;
  if (path.startsWith('/_astro/')) return CACHE_CONTROL.immutable;
  if (path.endsWith('/') || path.endsWith('.html')) return CACHE_CONTROL.html;
  return CACHE_CONTROL.other;
}

/**
 * Every header a response for `path` carries (besides Content-Type, length and validators). Errors carry the
 * security headers too: a 404 page is a page like any other.
 */
export function headersFor(path: string, status = 200): Record<string, string> {
  return { ...SECURITY_HEADERS, 'Cache-Control': cacheControlFor(path, status) };
}
