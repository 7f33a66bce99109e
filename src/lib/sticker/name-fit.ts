/**
 * Sign names have no length limit, but a printed sticker has a fixed size: a card has room for two lines of the name
 * at its full size (24 characters on the A6 card at 20 pt), so a longer name is set smaller (src/styles/sticker.css,
 * `.sticker-name-<fit>`) rather than pushing the card onto a second sheet.
 */

export type NameFit = 'full' | 'smaller' | 'small' | 'smallest';

/** The longest name, in characters (code points), each size holds in two lines of the A6 card; `smallest` has three. */
export const NAME_FIT_LIMITS: ReadonlyArray<[NameFit, number]> = [
  ['full', 24],
  ['smaller', 36],
  ['small', 50],
];

/** The size a sticker sets a sign name in. */
export function nameFit(signName: string): NameFit {
  const length = [...signName].length;
  return NAME_FIT_LIMITS.find(([, limit]) => length <= limit)?.[0] ?? 'smallest';
}
