/** The main navigation, in order. Sections are added here as they are built; none points to an empty page. */
export const NAVIGATION: ReadonlyArray<{ label: string; href: string }> = [
  { label: '首页', href: '/' },
  { label: '监管计划', href: '/plan/' },
  { label: '红黑榜', href: '/redblack/' },
  { label: '宣传周', href: '/campaign/' },
  { label: '新闻科普', href: '/articles/' },
  { label: '责任部门', href: '/departments/' },
  { label: '搜索', href: '/search/' },
];

/**
 * Whether a page belongs to a navigation section: the home page only matches itself,
 * other sections match their own address and everything below it.
 */
export function isCurrentSection(pathname: string, href: string): boolean {
  const path = pathname.endsWith('/') ? pathname : `${pathname}/`;
  return href === '/' ? path === '/' : path.startsWith(href);
}
