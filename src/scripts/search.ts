/**
 * The search page: reads ?q= and ?type=, queries the Pagefind index built with the site, and shows the results with
 * excerpts. The form itself is plain HTML (with JavaScript off it reloads the page, which says results need
 * JavaScript); with JavaScript a new query or filter updates the results in place and the address with them.
 * Pagefind is loaded only when there is something to search: at once for a query in the address, otherwise on the
 * first touch of the form. Results appear one by one as their fragments arrive.
 */
import {
  describeBrowse,
  describeResults,
  pagefindFilters,
  readSearchParams,
  searchAddress,
  type SearchState,
} from '../lib/search.ts';

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

/** Results shown at once; 显示更多结果 adds as many again (each result's excerpt is a request of its own). */
const PAGE_SIZE = 10;

export async function runSearchPage(): Promise<void> {
  const status = document.getElementById('search-status')!;
  const list = document.getElementById('search-results')!;
  const more = document.getElementById('search-more-results') as HTMLButtonElement;
  const input = document.getElementById('search-input') as HTMLInputElement;
  const form = input.form!;
  const radios = [...form.querySelectorAll<HTMLInputElement>('input[name="type"]')];
  const selects = [...form.querySelectorAll<HTMLSelectElement>('select')];
  let state: SearchState = readSearchParams(location.search);

  /** Shows a state in the form (after arriving, or going back). */
  const fill = () => {
    input.value = state.query;
    for (const radio of radios) radio.checked = radio.value === state.type;
    for (const select of selects) select.value = state.more[select.name] ?? '';
  };
  fill();

  let loading: Promise<Pagefind | null> | null = null;
  /** Pagefind's script and index, fetched once, on first need. */
  const pagefind = () =>
    (loading ??= (async () => {
      try {
        const path = '/pagefind/pagefind.js';
        const module = (await import(/* @vite-ignore */ path)) as Pagefind;
        // Chinese queries are split into single characters in the browser; favouring pages whose words
        // match the query closely keeps 协管员 from ranking pages that only contain 协调, 管理 and 成员.
        await module.options({ excerptLength: 40, ranking: { termSimilarity: 5 } });
        return module;
      } catch {
        return null;
      }
    })());

  /** Each search is numbered: the results of an older one that finishes late are dropped. */
  let current = 0;
  async function render(): Promise<void> {
    const run = ++current;
    const chosen = Object.values(state.more);
    const filters = pagefindFilters(state);
    const browsing = state.query === '' && Object.keys(filters).length > 0;
    more.hidden = true;
    if (state.query === '' && !browsing) {
      list.replaceChildren();
      list.removeAttribute('aria-busy');
      status.textContent = describeResults('', 0, state.type);
      return;
    }
    status.textContent = '正在搜索……';
    list.setAttribute('aria-busy', 'true');
    const index = await pagefind();
    if (run !== current) return;
    if (!index) {
      list.replaceChildren();
      list.removeAttribute('aria-busy');
      status.textContent = '搜索暂时无法使用，请稍后再试，或通过网站地图查找页面。';
      return;
    }
    // Without a query, a chosen filter lists its pages newest first (articles carry a date to sort by).
    const search = browsing
      ? await index.search(null, { filters, sort: { date: 'desc' } })
      : await index.search(state.query, { filters });
    if (run !== current) return;
    status.textContent = browsing
      ? describeBrowse(search.results.length, [state.type, ...chosen])
      : describeResults(state.query, search.results.length, state.type, chosen);
    list.replaceChildren();
    showMore(search.results, 0, run);
  }

  /** Shows the next PAGE_SIZE results from `start`: one place per result, in rank order, filled as each arrives. */
  function showMore(results: PagefindResult[], start: number, run: number, focusFirst = false): void {
    const shown = results.slice(start, start + PAGE_SIZE);
    const items = shown.map(() => document.createElement('li'));
    list.append(...items);
    more.hidden = true;
    let pending = items.length;
    const done = () => {
      list.removeAttribute('aria-busy');
      if (start + PAGE_SIZE < results.length) {
        more.hidden = false;
        more.onclick = () => {
          list.setAttribute('aria-busy', 'true');
          // Keyboard and screen-reader users continue from the first new result.
          showMore(results, start + PAGE_SIZE, run, true);
        };
      }
    };
    if (pending === 0) done();
    shown.forEach((result, position) => {
      void result.data().then((data) => {
        if (run !== current) return;
        showResult(items[position]!, data);
        if (focusFirst && position === 0) items[0]!.querySelector('a')?.focus();
        pending -= 1;
        if (pending === 0) done();
      });
    });
  }

  const update = (push: boolean) => {
    const address = searchAddress(state);
    if (push) history.pushState(null, '', address);
    else history.replaceState(null, '', address);
    void render();
  };
  // A new query is a new entry in the history (Back returns to the previous results); a filter refines it.
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state = { ...state, query: input.value.trim() };
    update(true);
  });
  for (const radio of radios) {
    radio.addEventListener('change', () => {
      state = { ...state, type: radio.value };
      update(false);
    });
  }
  for (const select of selects) {
    select.addEventListener('change', () => {
      state = { ...state, more: { ...state.more, [select.name]: select.value } };
      update(false);
    });
  }
  window.addEventListener('popstate', () => {
    state = readSearchParams(location.search);
    fill();
    void render();
  });
  // Nothing to search yet: fetch Pagefind when the reader starts using the form, so the first search is quick.
  for (const event of ['focusin', 'pointerdown', 'input'] as const) {
    form.addEventListener(event, () => void pagefind(), { once: true, passive: true });
  }
  await render();
}

/** Fills a result's place: its title as a link, its type, and Pagefind's excerpt. */
function showResult(
  item: HTMLLIElement,
  data: { url: string; excerpt: string; meta: { title?: string }; filters: Record<string, string[]> },
): void {
  item.className = 'border-b border-line pb-4';
  const link = Object.assign(document.createElement('a'), { href: data.url, textContent: data.meta.title ?? data.url });
  link.className = 'text-lg font-bold';
  const type = data.filters['类型']?.[0];
  const badge = document.createElement('span');
  badge.className = 'ml-2 rounded bg-brand-tint px-2 text-base';
  badge.textContent = type ?? '';
  const excerpt = document.createElement('p');
  excerpt.className = 'mt-1';
  // Pagefind's excerpt is the page's own text with <mark> around the matches.
  excerpt.innerHTML = data.excerpt;
  item.append(link, ...(type ? [badge] : []), excerpt);
}
