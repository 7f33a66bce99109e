/** The values of the Pagefind 类型 filter, in the order the search page offers them. Later sections add theirs. */
export const SEARCH_TYPES = [
  '计划',
  '任务',
  '部门',
  '红黑榜',
  '餐厅',
  '镇街',
  '宣传周',
  '活动',
  '资料',
  '文章',
] as const;

export type SearchType = (typeof SEARCH_TYPES)[number];

/**
 * The 类型 options the search page offers: a type is left out while no page has it (no restaurant before the first
 * red/black list is published …), so that no choice can only ever find nothing.
 * @param pageCounts the number of pages of each type that can have none; types not given always have pages.
 */
export function offeredSearchTypes(pageCounts: Partial<Record<SearchType, number>>): SearchType[] {
  return SEARCH_TYPES.filter((type) => pageCounts[type] !== 0);
}

/** Further Pagefind filters the search page offers: address parameter → filter name. */
export const SEARCH_FILTERS = [
  { param: 'town', filter: '镇街', label: '镇街' },
  { param: 'list', filter: '榜单', label: '榜单' },
  { param: 'year', filter: '年份', label: '年份' },
  { param: 'category', filter: '栏目', label: '文章栏目' },
] as const;

export interface SearchState {
  query: string;
  type: string;
  /** Further filter values by address parameter; empty means any. */
  more: Record<string, string>;
}

/** Reads the search page's state from its address: ?q=…&type=…&town=…&list=…&year=… */
export function readSearchParams(search: string): SearchState {
  const params = new URLSearchParams(search);
  return {
    query: (params.get('q') ?? '').trim(),
    type: params.get('type') ?? '',
    more: Object.fromEntries(SEARCH_FILTERS.map(({ param }) => [param, params.get(param) ?? ''])),
  };
}

/** The Pagefind filters for a state: only the chosen ones. */
export function pagefindFilters(state: SearchState): Record<string, string> {
  const filters: Record<string, string> = {};
  if (state.type) filters['类型'] = state.type;
  for (const { param, filter } of SEARCH_FILTERS) if (state.more[param]) filters[filter] = state.more[param]!;
  return filters;
}

/** The address for a state, keeping only what is set. */
export function searchAddress(state: SearchState): string {
  const params = new URLSearchParams({ q: state.query });
  if (state.type) params.set('type', state.type);
  for (const { param } of SEARCH_FILTERS) if (state.more[param]) params.set(param, state.more[param]!);
  return `?${params}`;
}

/** The status line read out after a search. */
export function describeResults(query: string, count: number, type: string, more: readonly string[] = []): string {
  if (query === '') return '请输入要搜索的词语，例如“冷链”“明厨亮灶”、餐厅或部门名称。';
  const chosen = more.filter(Boolean);
  const scope =
    type || chosen.length > 0
      ? `${[type && `“${type}”类`, ...chosen.map((value) => `“${value}”`)].filter(Boolean).join('、')}中`
      : '';
  return count === 0
    ? `${scope}没有找到与“${query}”相关的内容。请换一个词试试。`
    : `${scope}找到 ${count} 条与“${query}”相关的结果。`;
}

/** The status line when filters are chosen without a query: the pages are listed newest first. */
export function describeBrowse(count: number, chosen: readonly string[]): string {
  const scope = chosen
    .filter(Boolean)
    .map((value) => `“${value}”`)
    .join('、');
  return count === 0 ? `${scope}中没有内容。` : `${scope}中共 ${count} 条，按日期从新到旧排列。`;
}
