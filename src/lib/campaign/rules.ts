/**
 * Rules across a publicity-week campaign that a schema alone cannot express: events inside the
 * campaign's dates, known towns and organisers, material files that exist.
 */
import type { ContentProblem } from '../content-errors.ts';
import type { Campaign } from '../../schemas/campaign.ts';
import { publicPathProblem } from '../content/public-files.ts';
import { fileFormat } from './files.ts';

export interface CampaignFile {
  file: string;
  /** The file's id, from its name: 2022. */
  id: string;
  data: Campaign;
}

export interface CampaignContext {
  townIds: ReadonlySet<string>;
  departmentIds: ReadonlySet<string>;
  /** Whether a public address such as /materials/2022/poster.pdf has a file under public/. */
  fileExists: (publicPath: string) => boolean;
}

/** Checks every campaign; each problem names the file, the entry and the field. */
export function checkCampaigns(campaigns: readonly CampaignFile[], context: CampaignContext): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const { file, id, data } of campaigns) {
    const entry = `${data.year}年宣传周`;
    const at = (field: string, fieldLabel: string, message: string, where = entry) =>
      problems.push({ file, entry: where, field, fieldLabel, message });
    if (id !== String(data.year)) at('year', '年份', `文件名应与年份一致，应为 ${data.year}.mdx。`);
    if (data.endDate < data.startDate)
      at('endDate', '结束日期', `结束日期 ${data.endDate} 早于开始日期 ${data.startDate}。`);
    data.organisers.forEach((organiser, index) => {
      if (!context.departmentIds.has(organiser))
        at(`organisers.${index}`, '组织单位', `没有编号为“${organiser}”的部门（见 content/departments.yaml）。`);
    });

    const eventIds = new Set<string>();
    data.events.forEach((event, index) => {
      const where = `活动“${event.title}”（${event.id}）`;
      const field = (name: string) => `events.${index}.${name}`;
      if (eventIds.has(event.id)) at(field('id'), '编号', `编号“${event.id}”已被本年的另一项活动使用。`, where);
      eventIds.add(event.id);
      if (event.date < data.startDate || event.date > data.endDate) {
        at(
          field('date'),
          '日期',
          `活动日期 ${event.date} 不在宣传周 ${data.startDate} 至 ${data.endDate} 之内。`,
          where,
        );
      }
      if (event.endTime && event.endTime <= event.startTime)
        at(field('endTime'), '结束时间', `结束时间 ${event.endTime} 不晚于开始时间 ${event.startTime}。`, where);
      if (!context.townIds.has(event.town)) {
        at(
          field('town'),
          '所在镇街',
          `没有代码为“${event.town}”的镇街。应填写 30 个镇街之一的 9 位代码（见 content/towns.yaml），例如杨村街道为 120114001。`,
          where,
        );
      }
      if (!context.departmentIds.has(event.organiser))
        at(
          field('organiser'),
          '主办单位',
          `没有编号为“${event.organiser}”的部门（见 content/departments.yaml）。`,
          where,
        );
    });

    const materialIds = new Set<string>();
    data.materials.forEach((material, index) => {
      const where = `资料“${material.title}”（${material.id}）`;
      const field = (name: string) => `materials.${index}.${name}`;
      if (materialIds.has(material.id))
        at(field('id'), '编号', `编号“${material.id}”已被本年的另一份资料使用。`, where);
      materialIds.add(material.id);
      // The build reads the file (its size is shown): exactly a file under public/materials/, as for attachments.
      const pathProblem = publicPathProblem(material.file, '/materials/');
      if (pathProblem) at(field('file'), '文件', pathProblem, where);
      else if (!fileFormat(material.file))
        at(
          field('file'),
          '文件',
          `不支持的文件类型：${material.file}。可用：PDF、SVG、PNG、JPEG、MP4、PPTX、DOCX。`,
          where,
        );
      else if (!context.fileExists(material.file))
        at(
          field('file'),
          '文件',
          `文件不存在：public${material.file}。` +
            `请把文件放到 public${material.file.slice(0, material.file.lastIndexOf('/') + 1)} 目录下。`,
          where,
        );
    });
  }
  return problems;
}
