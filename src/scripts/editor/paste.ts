/**
 * A table pasted into an article's body (from Word, Excel or a web page: HTML with a <table> on the clipboard). The
 * rich-text editor would turn it into one-line paragraphs without a word; instead the paste is stopped, and the notice
 * gives the table as the site's table component (带标题的表格, src/lib/editor/components.ts), ready to copy into the
 * component or into the Markdown view.
 */
import { dataTableSource } from '../../lib/editor/components.ts';
import { showNotice } from './notices.ts';

/** The cells of the first table in some HTML, row by row; null when it has none. */
export function tableCells(html: string): string[][] | null {
  const table = new DOMParser().parseFromString(html, 'text/html').querySelector('table');
  if (!table) return null;
  return [...table.rows].map((row) => [...row.cells].map((cell) => cell.textContent ?? ''));
}

/** Stops tables pasted into the body and offers them as the table component. */
export function watchTablePastes(): void {
  window.addEventListener(
    'paste',
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target?.closest('[data-slate-editor]')) return;
      const cells = tableCells(event.clipboardData?.getData('text/html') ?? '');
      if (!cells) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const source = Object.assign(document.createElement('textarea'), {
        readOnly: true,
        rows: 4,
        value: dataTableSource('表格标题', cells),
      });
      source.setAttribute('aria-label', '转换好的表格组件');
      source.className = 'editor-table-source';
      showNotice(
        '表格没有粘贴进正文：直接粘贴会把表格变成一行行文字。已把它转换成“带标题的表格”组件，请这样插入：',
        [
          '复制下面框里的全部内容；',
          '在正文里点“添加组件”→“带标题的表格”，粘贴到框中；',
          '把其中的“表格标题”改成这张表的标题（第一行是表头）。',
        ],
        source,
      );
      source.focus();
      source.select();
    },
    true,
  );
}
