/**
 * Publicity-week campaigns (食品安全宣传周): loaded once per build, checked against towns,
 * departments and the files under public/, with each material's size measured from its file.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { throwIfProblems } from '../lib/content-errors.ts';
import { checkCampaigns } from '../lib/campaign/rules.ts';
import { fileFormat, formatBytes } from '../lib/campaign/files.ts';
import type { CampaignEvent, Material } from '../schemas/campaign.ts';
import { getSiteData } from './site-data.ts';

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

// Builds run from the project root; this module's own location changes once bundled.
const publicFile = (path: string) => join(process.cwd(), 'public', path);

let cached: Promise<CampaignData> | undefined;

/** Loads and checks the campaigns; the same promise serves every page of a build. */
export function getCampaignData(): Promise<CampaignData> {
  cached ??= load();
  return cached;
}

async function load(): Promise<CampaignData> {
  const [entries, site] = await Promise.all([getCollection('campaigns'), getSiteData()]);
  const problems = checkCampaigns(
    entries.map((entry) => ({
      file: entry.filePath ?? `content/campaigns/${entry.id}.mdx`,
      id: entry.id,
      data: entry.data,
    })),
    {
      townIds: new Set(site.towns.map((town) => town.id)),
      departmentIds: new Set(site.departments.map((department) => department.id)),
      fileExists: (path) => existsSync(publicFile(path)),
    },
  );
  // No campaign yet is a valid state (before the first real one is announced): the pages say so.
  throwIfProblems(problems);

  const campaigns = entries
    .sort((a, b) => b.data.year - a.data.year)
    .map((entry) => ({
      entry,
      materials: entry.data.materials.map((material) => {
        const bytes = statSync(publicFile(material.file)).size;
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
