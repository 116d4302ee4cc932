import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_METHODOLOGY_PATH,
  loadDefaultMethodology,
  loadMethodology,
  METHODOLOGY_VERSIONS,
  MethodologyShapeError,
  methodologyPath,
  outlineMethodology,
} from '../src/index';

interface Indicator {
  key: string;
  name: string;
  name_zh: string;
  unit: string;
  direction: string;
  combine: string;
  transform: string;
  normalize: { method: string };
  missing: string;
}
interface Node {
  key?: string;
  name?: string;
  weight?: number;
  indicator?: string;
  children?: Node[];
}
interface Dimension extends Node {
  category: string;
}
interface Document {
  id: string;
  version: string;
  scale: number;
  indicators: Indicator[];
  dimensions: Dimension[];
}

const document = loadMethodology('2026.1') as Document;
const indicator = (key: string) => document.indicators.find((i) => i.key === key);
const pillars = (category: string) =>
  document.dimensions.find((d) => d.category === category)?.children ?? [];

// Expected values: docs/methodology-format.md, "The default methodology" (llm-oss-influence 2026.1).
describe('the methodology llm-oss-influence 2026.1', () => {
  it('is shipped with 2026.2, the default (the same tree with freshness windows)', () => {
    expect(METHODOLOGY_VERSIONS).toEqual(['2026.1', '2026.2']);
    for (const version of METHODOLOGY_VERSIONS) expect(existsSync(methodologyPath(version))).toBe(true);
    expect(document).toMatchObject({ id: 'llm-oss-influence', version: '2026.1', scale: 100 });
    expect(DEFAULT_METHODOLOGY_PATH).toBe(methodologyPath('2026.2'));
    const latest = loadDefaultMethodology() as Document;
    expect(latest).toMatchObject({ id: 'llm-oss-influence', version: '2026.2', scale: 100 });
    expect(outlineMethodology(latest).dimensions).toEqual(outlineMethodology(document).dimensions);
  });

  it('has four dimensions with 53 indicator slots: data 13, model 16, system 14, evaluation 10', () => {
    const outline = outlineMethodology(document);
    expect(outline.dimensions.map((d) => [d.key, d.category, d.slots])).toEqual([
      ['data', 'data', 13],
      ['model', 'model', 16],
      ['system', 'system', 14],
      ['evaluation', 'evaluation', 10],
    ]);
    expect(outline.dimensions.reduce((sum, d) => sum + d.slots, 0)).toBe(53);
  });

  it('weighs the pillars as the brackets say, indicators equally inside them', () => {
    const weights = (category: string) => pillars(category).map((p) => [p.name, p.weight]);
    expect(weights('data')).toEqual([
      ['Adoption', 40],
      ['Community', 25],
      ['Openness and quality', 35],
    ]);
    expect(weights('model')).toEqual([
      ['Adoption', 40],
      ['Community', 20],
      ['Openness', 15],
      ['Capability and research', 25],
    ]);
    expect(weights('system')).toEqual([
      ['Adoption', 40],
      ['Community', 35],
      ['Capability', 25],
    ]);
    expect(weights('evaluation')).toEqual([
      ['Adoption', 50],
      ['Community', 20],
      ['Design', 30],
    ]);
    for (const dimension of document.dimensions) {
      for (const pillar of dimension.children ?? []) {
        for (const leaf of pillar.children ?? []) expect(leaf.weight).toBe(1);
      }
    }
  });

  it('defines each indicator once, with an English and a Chinese name and a unit, and uses all of them', () => {
    const keys = document.indicators.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(32);
    for (const i of document.indicators) {
      expect(i.name.length).toBeGreaterThan(0);
      expect(i.name_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(i.unit.length).toBeGreaterThan(0);
    }
    const used = new Set(outlineMethodology(document).dimensions.flatMap((d) => d.indicatorKeys));
    expect([...used].sort()).toEqual([...keys].sort());
  });

  it('uses log1p and min–max by default, and the documented per-indicator settings', () => {
    const settings = (key: string) => {
      const i = indicator(key);
      return [i?.direction, i?.combine, i?.transform, i?.normalize.method, i?.missing];
    };
    expect(settings('github_stars')).toEqual(['higher', 'latest', 'log1p', 'minmax', 'zero']);
    for (const key of [
      'license_openness',
      'documentation_completeness',
      'issue_close_rate',
      'benchmark_average',
      'organization_diversity',
      'contamination_resistance',
    ]) {
      expect(settings(key)).toEqual(['higher', 'latest', 'none', 'none', 'zero']);
    }
    expect(settings('size_tokens')).toEqual(['higher', 'latest', 'log', 'minmax', 'zero']);
    expect(settings('arena_elo')).toEqual(['higher', 'latest', 'none', 'zscore', 'zero']);
    expect(settings('issue_first_response_hours')).toEqual(['lower', 'median', 'log1p', 'minmax', 'zero']);
  });

  it('uses group keys unique across the document', () => {
    const keys = document.dimensions.flatMap((d) => [d.key, ...(d.children ?? []).map((p) => p.key)]);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('outlineMethodology', () => {
  it('names the JSON path of an unreadable part', () => {
    expect(() => outlineMethodology({ ...document, dimensions: [{ key: 'x', name: 'X' }] })).toThrow(
      MethodologyShapeError,
    );
    expect(() => outlineMethodology({ ...document, dimensions: [{ key: 'x', name: 'X' }] })).toThrow(
      '$.dimensions[0].children: expected an array',
    );
    expect(() =>
      outlineMethodology({
        ...document,
        dimensions: [{ key: 'x', name: 'X', children: [{ indicator: 'nope', weight: 1 }] }],
      }),
    ).toThrow('$.dimensions[0].children[0].indicator: unknown indicator "nope"');
  });
});
