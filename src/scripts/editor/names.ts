/**
 * Restaurants by name in the editor (src/lib/editor/restaurant-names.ts): Decap CMS shows the id a list entry or a
 * relation field stores (he-tian-kuai-can) in the entries' summaries and the chosen value; the page puts the
 * restaurant's sign name in its place. The registry is read through the editor's own API, so a restaurant registered a
 * moment ago is named too.
 */
import { readYamlListItems } from '../../lib/content/editor-format.ts';
import { CONTENT_FILES } from '../../lib/content/files.ts';
import { EDITOR_API } from '../../lib/editor/cms-config.ts';
import { restaurantLabels, withRestaurantNames } from '../../lib/editor/restaurant-names.ts';

/** A content file's text through Decap's API (getEntry), or '' when it cannot be read. */
async function readContent(path: string): Promise<string> {
  const response = await fetch(EDITOR_API, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'getEntry', params: { branch: 'main', path } }),
  });
  if (!response.ok) return '';
  const { data } = (await response.json()) as { data?: string | null };
  return data ?? '';
}

/** Where ids are shown: the entries' summaries in lists and the chosen value of a select or relation field. */
const SHOWN = '[class*=ListItemTopBar], [class*=singleValue], [class*=multiValue], [class*=ListItem]';

/** Replaces restaurant ids by names in the editor, now and whenever Decap shows more. */
export async function showRestaurantNames(): Promise<void> {
  let labels = new Map<string, string>();
  const load = async () => {
    const [restaurants, towns] = await Promise.all([
      readContent(CONTENT_FILES.restaurants),
      readContent(CONTENT_FILES.towns),
    ]);
    labels = restaurantLabels(
      readYamlListItems(restaurants) as Record<string, unknown>[],
      readYamlListItems(towns) as Record<string, unknown>[],
    );
  };
  const rename = (root: Node) => {
    const element = root instanceof Element ? root : root.parentElement;
    if (!element?.closest(SHOWN) && !(root instanceof Element && root.querySelector(SHOWN))) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.currentNode; node; node = walker.nextNode()!) {
      if (node.nodeType !== Node.TEXT_NODE || !node.parentElement?.closest(SHOWN)) continue;
      const renamed = withRestaurantNames(node.textContent ?? '', labels);
      if (renamed !== node.textContent) node.textContent = renamed;
    }
  };
  await load().catch(() => undefined);
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === 'characterData') rename(change.target);
      for (const node of change.addedNodes) rename(node);
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
  // On opening another entry or list, the registry is read again: it may have new restaurants.
  window.addEventListener('hashchange', () => void load().then(() => rename(document.body)));
  rename(document.body);
}
