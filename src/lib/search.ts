/** The values of the Pagefind 类型 filter, in the order the search page offers them. Later sections add theirs. */
export const SEARCH_TYPES = ['计划', '任务', '部门', '红黑榜', '餐厅', '镇街', '宣传周', '活动', '资料'] as const;

/** Reads the search page's state from its address: ?q=…&type=… */
export function readSearchParams(search: string): { query: string; type: string } {
  const params = new URLSearchParams(search);
  return { query: (params.get('q') ?? '').trim(), type: params.get('type') ?? '' };
}

/** The status line read out after a search. */
export function describeResults(query: string, count: number, type: string): string {
  if (query === '') return '请输入要搜索的词语，例如“冷链”“明厨亮灶”或部门名称。';
  const scope = type ? `“${type}”类中` : '';
  return count === 0 ? `${scope}没有找到与“${query}”相关的内容。请换一个词试试。` : `${scope}找到 ${count} 条与“${query}”相关的结果。`;
}
