/**
 * Publicity-week campaigns (食品安全宣传周), loaded once per build, with each material's size measured from its file.
 * The content pipeline has checked them against towns, departments and public/ (src/lib/content/pipeline.ts).
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { fileFormat, formatBytes } from '../lib/campaign/files.ts';
import { publicFileSize } from '../lib/content/public-files.ts';
import type { CampaignEvent, Material } from '../schemas/campaign.ts';

/** A material with facts measured from its file at build time. */
export interface MaterialView extends Material {
  format: string;
  bytes: number;
  /** e.g. 321 KB */
  size: string;
}

export interface CampaignView {
  entry: CollectionEntry<'campaigns'>;
  materials: MaterialView[];
}

export interface CampaignData {
  /** Newest first. */
  campaigns: CampaignView[];
  /** Every event of every campaign, with its campaign's year. */
  events: Array<CampaignEvent & { year: number; sample: boolean }>;
}

let cached: Promise<CampaignData> | undefined;

/** Loads and checks the campaigns; the same promise serves every page of a build. */
export function getCampaignData(): Promise<CampaignData> {
  if (import.meta.env.MODE === 'development') return load();
  cached ??= load();
  return cached;
}

async function load(): Promise<CampaignData> {
  const entries = await getCollection('campaigns');
  const campaigns = entries
    .sort((a, b) => b.data.year - a.data.year)
    .map((entry) => ({
      entry,
      materials: entry.data.materials.map((material) => {
        // Builds run from the project root; this module's own location changes once bundled. Only a file under
        // public/materials/ is read (no `..`, no link), as the content check requires.
        const bytes = publicFileSize(process.cwd(), material.file, '/materials/');
        return { ...material, format: fileFormat(material.file)!, bytes, size: formatBytes(bytes) };
      }),
    }));
  return {
    campaigns,
    events: campaigns.flatMap(({ entry }) =>
      entry.data.events.map((event) => ({ ...event, year: entry.data.year, sample: entry.data.sample })),
    ),
  };
}
