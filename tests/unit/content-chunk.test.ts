import { describe, expect, it } from 'vitest';
import { contentChunking } from '../../src/integrations/content-chunk.ts';

describe('contentChunking (one server chunk for content/)', () => {
  const [group] = contentChunking(new URL('file:///srv/site/')).groups;

  it('puts every module under content/ into the chunk named content', () => {
    expect(group!.name).toBe('content');
    for (const id of [
      '/srv/site/content/articles/open-kitchen.mdx',
      '/srv/site/content/articles/open-kitchen.mdx?astroPropagatedAssets',
      '/srv/site/content/redblack/2022-06.mdx',
      '/srv/site/content/articles/images/open-kitchen.png?astroContentImageFlag=&importer=x',
    ]) {
      expect(group!.test(id), id).toBe(true);
    }
  });

  it('leaves the site’s own code and other folders to Rolldown’s usual chunks', () => {
    for (const id of [
      '/srv/site/src/pages/articles/[slug].astro',
      '/srv/site/src/components/Figure.astro',
      '/srv/site/contents/x.mdx',
      '/srv/other/content/articles/x.mdx',
      '\0astro:content',
    ]) {
      expect(group!.test(id), id).toBe(false);
    }
  });
});
