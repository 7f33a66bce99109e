import { describe, expect, it } from 'vitest';
import { parseAssignment } from '../../src/lib/plan/assignment.ts';

describe('parseAssignment', () => {
  it('reads several clauses with different roles', () => {
    expect(parseAssignment('区食安办牵头，区食安委成员单位按职责分工负责')).toEqual({
      units: [
        { name: '区食安办', role: 'lead' },
        { name: '区食安委成员单位', role: 'shared' },
      ],
      andRelatedDepartments: false,
    });
  });

  it('splits lists on 、', () => {
    expect(parseAssignment('区教育局、区市场监管局牵头')?.units.map((unit) => unit.name)).toEqual([
      '区教育局',
      '区市场监管局',
    ]);
  });

  it('reads 及其他 as a list separator: 区市场监管局及其他区食安委成员单位', () => {
    expect(parseAssignment('区市场监管局及其他区食安委成员单位按职责分工负责')?.units).toEqual([
      { name: '区市场监管局', role: 'shared' },
      { name: '区食安委成员单位', role: 'shared' },
    ]);
  });

  it('reads 等 before a group: 区市场监管局等区食安委成员单位', () => {
    expect(
      parseAssignment('区农业农村委、区市场监管局等区食安委成员单位按职责分工负责')?.units.map((unit) => unit.name),
    ).toEqual(['区农业农村委', '区市场监管局', '区食安委成员单位']);
  });

  it('records a trailing 等相关部门 without inventing a unit', () => {
    expect(parseAssignment('区市场监管局、区农业农村委等相关部门按职责分工负责')).toEqual({
      units: [
        { name: '区市场监管局', role: 'shared' },
        { name: '区农业农村委', role: 'shared' },
      ],
      andRelatedDepartments: true,
    });
  });

  it('reads 及 as a list separator: 区食安委成员单位及区科协配合', () => {
    expect(parseAssignment('区食安委成员单位及区科协配合')?.units).toEqual([
      { name: '区食安委成员单位', role: 'support' },
      { name: '区科协', role: 'support' },
    ]);
  });

  it('tells 按职责分工负责 from 负责', () => {
    expect(parseAssignment('区水务局负责')?.units[0]?.role).toBe('responsible');
    expect(parseAssignment('区水务局按职责分工负责')?.units[0]?.role).toBe('shared');
  });

  it.each(['罚', '园长', '含殡葬服务中心', '兽', '个体', '', '牵头'])(
    'returns null for ordinary parenthesised text “%s”',
    (text) => {
      expect(parseAssignment(text)).toBeNull();
    },
  );

  it('returns null when one clause has no role word', () => {
    expect(parseAssignment('区食安办牵头，其他单位')).toBeNull();
  });
});
