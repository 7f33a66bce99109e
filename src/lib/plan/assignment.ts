/**
 * The trailing parenthesis of a plan sentence names the responsible units and their roles,
 * e.g. （区食安办牵头，区食安委成员单位按职责分工负责）. This module reads that parenthesis.
 */

/** A unit's role as the plan words it. */
export type Role = 'lead' | 'responsible' | 'shared' | 'support';

/** The plan's own words for each role, in the order a page lists them. */
export const ROLE_LABELS: Record<Role, string> = {
  lead: '牵头',
  responsible: '负责',
  shared: '按职责分工负责',
  support: '配合',
};

/** Roles in display order: who leads first, who supports last. */
export const ROLES: readonly Role[] = ['lead', 'responsible', 'shared', 'support'];

/** One unit named in an assignment, with its role. */
export interface UnitAssignment {
  /** The unit exactly as the plan writes it, e.g. 区市场监管局. */
  name: string;
  role: Role;
}

/** A parsed assignment parenthesis. */
export interface Assignment {
  units: UnitAssignment[];
  /** True where the plan adds 等相关部门 ("and other relevant departments") after the named units. */
  andRelatedDepartments: boolean;
}

// Longest suffix first: 按职责分工负责 also ends in 负责.
const ROLE_SUFFIXES: ReadonlyArray<[string, Role]> = [
  ['按职责分工负责', 'shared'],
  ['牵头', 'lead'],
  ['负责', 'responsible'],
  ['配合', 'support'],
];

/**
 * Reads the inside of a parenthesis as an assignment of units to roles.
 * Handles the list forms the plan uses: 、, 及, 及其他, 等 before a group, and a trailing 等相关部门.
 * @returns the assignment, or `null` when the parenthesis is ordinary text such as （罚） or （园长）.
 */
export function parseAssignment(inner: string): Assignment | null {
  const clauses = inner.split('，');
  const units: UnitAssignment[] = [];
  let andRelatedDepartments = false;
  for (const clause of clauses) {
    const suffix = ROLE_SUFFIXES.find(([word]) => clause.endsWith(word));
    if (!suffix) return null;
    const [word, role] = suffix;
    let list = clause.slice(0, -word.length);
    if (list.endsWith('等相关部门')) {
      andRelatedDepartments = true;
      list = list.slice(0, -'等相关部门'.length);
    }
    const names = list.replaceAll('及其他', '、').replaceAll('等', '、').replaceAll('及', '、').split('、');
    if (names.some((name) => name.trim() === '')) return null;
    for (const name of names) units.push({ name, role });
  }
  return { units, andRelatedDepartments };
}
