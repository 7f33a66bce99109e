/**
 * Filters that work without JavaScript: the filter form's radio buttons and CSS :has() hide the cards
 * that do not match, and show a message when nothing does. This module writes that CSS.
 */

/** One filter group, e.g. 镇街, with its options; the first option of every group is "all". */
export interface FilterGroup {
  /** The card attribute it tests, e.g. town → data-town. */
  key: string;
  /** Option values; cards carry one of them. */
  values: readonly string[];
}

/** A card's values, one per group key. */
export type CardValues = Record<string, string>;

/** The id of an option's radio input: f-town-0 is "all", f-town-1 the first value … */
export function optionId(key: string, index: number): string {
  return `f-${key}-${index}`;
}

/**
 * CSS that hides non-matching cards and shows the empty message for combinations with no card.
 * @param form selector of the filter form; results and the empty message must be its later siblings.
 * @param cards the values of every card, to know which combinations are empty.
 */
export function filterCss(
  form: string,
  results: string,
  empty: string,
  groups: readonly FilterGroup[],
  cards: readonly CardValues[],
): string {
  const rules: string[] = [];
  for (const group of groups) {
    group.values.forEach((value, index) => {
      rules.push(
        `${form}:has(#${optionId(group.key, index + 1)}:checked)~${results} ` +
          `[data-${group.key}]:not([data-${group.key}="${value}"]){display:none}`,
      );
    });
  }
  // Every combination of choices ("all" is index 0) that no card satisfies shows the empty message.
  const combos = groups.reduce<number[][]>(
    (acc, group) => acc.flatMap((combo) => [0, ...group.values.map((_, i) => i + 1)].map((i) => [...combo, i])),
    [[]],
  );
  const emptySelectors: string[] = [];
  for (const combo of combos) {
    if (combo.every((index) => index === 0)) continue;
    const matches = cards.some((card) =>
      combo.every((index, g) => index === 0 || card[groups[g]!.key] === groups[g]!.values[index - 1]),
    );
    if (matches) continue;
    const chosen = combo
      .map((index, g) => (index === 0 ? '' : `:has(#${optionId(groups[g]!.key, index)}:checked)`))
      .join('');
    emptySelectors.push(`${form}${chosen}~${empty}`);
  }
  if (emptySelectors.length > 0) rules.push(`${emptySelectors.join(',')}{display:block}`);
  return rules.join('\n');
}
