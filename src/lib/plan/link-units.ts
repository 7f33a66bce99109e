import type { UnitAssignment } from './assignment.ts';

/** A piece of an assignment's text: plain, or a unit name linked to its department. */
export interface TextSegment {
  text: string;
  departmentId?: string;
}

/**
 * Splits the text of an assignment parenthesis so each unit name can be linked, keeping every
 * character of the original: joining the segments gives back `assignmentText` exactly.
 */
export function segmentAssignment(
  assignmentText: string,
  units: readonly UnitAssignment[],
  departmentIdByName: ReadonlyMap<string, string>,
): TextSegment[] {
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const unit of units) {
    const at = assignmentText.indexOf(unit.name, cursor);
    if (at < 0) continue;
    if (at > cursor) segments.push({ text: assignmentText.slice(cursor, at) });
    segments.push({ text: unit.name, departmentId: departmentIdByName.get(unit.name) });
    cursor = at + unit.name.length;
  }
  if (cursor < assignmentText.length) segments.push({ text: assignmentText.slice(cursor) });
  return segments;
}
