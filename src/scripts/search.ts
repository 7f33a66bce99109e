/**
 * The search page: reads ?q= and ?type=, queries the Pagefind index built with the site, and shows
 * the results with excerpts. The form itself is plain HTML, so only the results need JavaScript.
 */
import { describeBrowse, describeResults, pagefindFilters, readSearchParams, searchAddress } from '../lib/search.ts';

interface PagefindResult {
  data: () => Promise<{ url: string; excerpt: string; meta: { title?: string }; filters: Record<string, string[]> }>;
}
interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  search: (
    query: string | null,
    options?: { filters?: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> },
  ) => Promise<{ results: PagefindResult[] }>;
}

const PAGE_SIZE = 20;

export async function runSearchPage(): Promise<void> {
  const status = document.getElementById('search-status')!;
  const list = document.getElementById('search-results')!;
  const input = document.getElementById('search-input') as HTMLInputElement;
  const form = input.form!;
  const state = readSearchParams(location.search);
  input.value = state.query;
  const radios = [...form.querySelectorAll<HTMLInputElement>('input[name="type"]')];
  for (const radio of radios) radio.checked = radio.value === state.type;
  const selects = [...form.querySelectorAll<HTMLSelectElement>('select')];
  for (const select of selects) select.value = state.more[select.name] ?? '';

  let pagefind: Pagefind;
  try {
    const path = '/pagefind/pagefind.js';
    pagefind = (await import(/* @vite-ignore */ path)) as Pagefind;
    // Chinese queries are split into single characters in the browser; favouring pages whose words
    // match the query closely keeps 协管员 from ranking pages that only contain 协调, 管理 and 成员.
    await pagefind.options({ excerptLength: 40, ranking: { termSimilarity: 5 } });
  } catch {
    status.textContent = '搜索暂时无法使用，请稍后再试，或通过网站地图查找页面。';
    return;
  }

  async function render(): Promise<void> {
    list.replaceChildren();
    const chosen = Object.values(state.more);
    const filters = pagefindFilters(state);
    const browsing = state.query === '' && Object.keys(filters).length > 0;
    if (state.query === '' && !browsing) {
      status.textContent = describeResults('', 0, state.type);
      return;
    }
    status.textContent = '正在搜索……';
    // Without a query, a chosen filter lists its pages newest first (articles carry a date to sort by).
    const search = browsing
      ? await pagefind.search(null, { filters, sort: { date: 'desc' } })
      : await pagefind.search(state.query, { filters });
    const items = await Promise.all(search.results.slice(0, PAGE_SIZE).map((result) => result.data()));
    status.textContent = browsing
      ? describeBrowse(search.results.length, [state.type, ...chosen])
      : describeResults(state.query, search.results.length, state.type, chosen);
    for (const item of items) {
      const li = document.createElement('li');
      li.className = 'border-b border-line pb-4';
      const link = Object.assign(document.createElement('a'), {
        href: item.url,
        textContent: item.meta.title ?? item.url,
      });
      link.className = 'text-lg font-bold';
      const type = item.filters['类型']?.[0];
      const badge = document.createElement('span');
      badge.className = 'ml-2 rounded bg-brand-tint px-2 text-base';
      badge.textContent = type ?? '';
      const excerpt = document.createElement('p');
      excerpt.className = 'mt-1';
      // Pagefind's excerpt is the page's own text with <mark> around the matches.
      excerpt.innerHTML = item.excerpt;
      li.append(link, ...(type ? [badge] : []), excerpt);
      list.append(li);
    }
  }

  const update = () => {
    history.replaceState(null, '', searchAddress(state));
    void render();
  };
  for (const radio of radios) {
    radio.addEventListener('change', () => {
      state.type = radio.value;
      update();
    });
  }
  for (const select of selects) {
    select.addEventListener('change', () => {
      state.more[select.name] = select.value;
      update();
    });
  }
  await render();
}
