/**
 * How the web editor shows a restaurant wherever staff see or pick one: by its sign name, with its town when two
 * restaurants share the name (测试己火锅（杨村街道）), never by the id the files keep (ce-shi-ji-huo-guo).
 */

/** A registered restaurant as the registry file has it (the fields used here). */
interface RegisteredRestaurant {
  id?: unknown;
  signName?: unknown;
  town?: unknown;
}

/** A town as content/towns.yaml has it (the fields used here). */
interface NamedTown {
  id?: unknown;
  name?: unknown;
}

/**
 * Each restaurant's id with the name staff see: its sign name, followed by its town's name in full-width brackets when
 * another restaurant has the same sign name (and the town's code when the town is not in the list).
 */
export function restaurantLabels(
  restaurants: readonly RegisteredRestaurant[],
  towns: readonly NamedTown[],
): Map<string, string> {
  const townNames = new Map(towns.map((town) => [String(town.id), String(town.name)]));
  const counts = new Map<string, number>();
  for (const restaurant of restaurants) {
    const name = String(restaurant.signName ?? '');
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const labels = new Map<string, string>();
  for (const restaurant of restaurants) {
    if (typeof restaurant.id !== 'string' || !restaurant.id || typeof restaurant.signName !== 'string') continue;
    const town = townNames.get(String(restaurant.town)) ?? String(restaurant.town ?? '');
    const shared = (counts.get(restaurant.signName) ?? 0) > 1;
    labels.set(restaurant.id, shared && town ? `${restaurant.signName}（${town}）` : restaurant.signName);
  }
  return labels;
}

/**
 * Text with every restaurant id that stands as a word of its own (between spaces, or the whole text) replaced by the
 * restaurant's label; other text unchanged.
 */
export function withRestaurantNames(text: string, labels: ReadonlyMap<string, string>): string {
  return text.replace(/(^|\s)([a-z0-9]+(?:-[a-z0-9]+)*)(?=\s|$)/g, (whole, space: string, id: string) => {
    const label = labels.get(id);
    return label ? `${space}${label}` : whole;
  });
}
