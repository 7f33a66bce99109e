/**
 * The editor page's notice (#editor-problems, under the page's bar, where the 发布 button is): what the server refused
 * on saving, or what the page refused before sending (an upload too large, a pasted table). Field errors Decap shows
 * inside the form are scrolled into view, so a refused save never leaves its reason far down the form.
 */

/** The notice box of the page. */
const panel = () => document.getElementById('editor-problems')!;

/** Shows a notice: a heading, a numbered list of problems, optional extra content, and a 关闭 button. */
export function showNotice(heading: string, problems: readonly string[], ...extra: Node[]): void {
  const box = panel();
  const title = Object.assign(document.createElement('p'), { textContent: heading });
  const list = document.createElement('ol');
  for (const problem of problems) list.append(Object.assign(document.createElement('li'), { textContent: problem }));
  const close = Object.assign(document.createElement('button'), { type: 'button', textContent: '关闭' });
  close.addEventListener('click', () => hideNotice());
  box.replaceChildren(title, ...(problems.length > 0 ? [list] : []), ...extra, close);
  box.hidden = false;
}

/** Hides the notice. */
export function hideNotice(): void {
  panel().hidden = true;
}

/**
 * Brings the first of the field errors Decap adds on a refused save into view: the form is long, and 立即发布 is at its
 * top.
 */
export function revealFieldErrors(): void {
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const first = document.querySelector('[class*=ControlErrorsList]:not(:empty)');
      if (first && first.getAttribute('data-revealed') !== 'true') {
        first.setAttribute('data-revealed', 'true');
        first.scrollIntoView({ block: 'center' });
      }
    });
  }).observe(document.body, { childList: true, subtree: true });
}
