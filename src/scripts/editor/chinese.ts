/**
 * What Decap CMS still shows in English in the Chinese editor — words its Chinese phrases lack and words written into
 * its code (the Markdown switch, Expand/Collapse on lists, …) — and its controls that have no name a screen reader can
 * say: given their Chinese words here, whenever Decap adds them to the page.
 */

/** English words Decap writes into its page, in Chinese. */
export const CHINESE_WORDS: Readonly<Record<string, string>> = {
  Markdown: '源码',
  'Rich Text': '富文本',
  Expand: '展开',
  Collapse: '收起',
  Close: '关闭',
  'Account options dropdown': '账户菜单',
  'Log Out': '退出',
  Remove: '删除',
  Delete: '删除',
  Now: '现在',
  Clear: '清除',
};

/** Attributes that carry a control's name or hint. */
const NAMED = ['aria-label', 'title', 'placeholder'] as const;

/** The Chinese for an English text Decap shows, or null when it has none. */
function chinese(text: string): string | null {
  const trimmed = text.trim();
  return Object.hasOwn(CHINESE_WORDS, trimmed) ? text.replace(trimmed, CHINESE_WORDS[trimmed]!) : null;
}

/** The name a control without one is given, from what it is (the few Decap leaves unnamed). */
function missingName(element: Element): string | null {
  const classes = typeof element.className === 'string' ? element.className : '';
  if (/DragHandle/i.test(classes)) return '拖动以调整顺序';
  // The switch between the rich-text editor and the Markdown source, above the body.
  if (element.closest('[class*=ToolbarToggle]')) return '切换富文本或源码';
  if (/Remove|Delete/i.test(classes)) return '删除这一项';
  // A list item's bar: its buttons look alike (an icon each); the last removes the item, one before it folds it.
  const bar = element.closest('[class*=ListItemTopBar]');
  if (bar) {
    const buttons = [...bar.querySelectorAll('button')];
    return element === buttons.at(-1) ? '删除这一项' : '展开或收起这一项';
  }
  if (element instanceof HTMLTextAreaElement || element.matches('[role=textbox][contenteditable]')) return '正文';
  return null;
}

function translate(root: Node): void {
  if (root.nodeType === Node.TEXT_NODE) {
    const text = chinese(root.textContent ?? '');
    if (text !== null) root.textContent = text;
    return;
  }
  if (!(root instanceof Element)) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = chinese(node.textContent ?? '');
    if (text !== null) node.textContent = text;
  }
  // The header's link to the site shows the site's address, which is “/” here.
  for (const link of root.querySelectorAll('[class*=AppHeaderSiteLink]')) {
    if (link.textContent === '/') link.textContent = '网站首页';
  }
  for (const element of [root, ...root.querySelectorAll('*')]) {
    for (const attribute of NAMED) {
      const value = element.getAttribute(attribute);
      const text = value === null ? null : chinese(value);
      if (text !== null) element.setAttribute(attribute, text);
    }
    // A menu's opener wraps the toolbar button that names it (标题, 添加组件): one control, not a nameless one around
    // a named one (the click on the button still reaches it).
    if (element.matches('span[role=button]') && element.querySelector('button[title]')) {
      element.setAttribute('role', 'none');
      element.setAttribute('tabindex', '-1');
      // A menu's state belongs to its button; on an element with no role it is not allowed (axe: aria-allowed-attr).
      element.removeAttribute('aria-haspopup');
      element.removeAttribute('aria-expanded');
      continue;
    }
    if (element.matches('button, [role=button], [role=textbox], input, textarea, select') && !hasName(element)) {
      const name = missingName(element);
      if (name) element.setAttribute('aria-label', name);
    }
  }
}

/** Whether a control has a name (its text, a label, aria-label or title). */
function hasName(element: Element): boolean {
  if (element.getAttribute('aria-label') || element.getAttribute('aria-labelledby') || element.getAttribute('title'))
    return true;
  // A rich-text box's text is its content, not its name.
  if (element.matches('[role=textbox]')) return false;
  if (
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement
  )
    return (element.labels?.length ?? 0) > 0 || element.type === 'hidden' || element.type === 'file';
  return (element.textContent ?? '').trim() !== '';
}

/** Puts Decap's English in Chinese, and names its unnamed controls, now and whenever it changes the page. */
export function chineseEditor(): void {
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === 'characterData') translate(change.target);
      else if (change.type === 'attributes') translate(change.target);
      for (const node of change.addedNodes) translate(node);
    }
  }).observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: [...NAMED],
  });
}
