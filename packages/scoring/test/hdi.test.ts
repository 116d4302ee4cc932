/**
 * Reproduction of a published composite index from its published inputs: the UNDP Human
 * Development Index.
 *
 * Source of the table: UNDP, Human Development Report 2015 "Work for Human Development",
 * Statistical annex, Table 1 "Human Development Index and its components" (values for 2014; GNI per
 * capita in 2011 PPP $), as published at hdr.undp.org/en/composite/HDI (archived 2016-05-15).
 * Method: HDR 2015 Technical note 1 — dimension indices (x − min)/(max − min) with goalposts life
 * expectancy 20–85 years, expected years of schooling 0–18, mean years of schooling 0–15, GNI per
 * capita 100–75 000 (2011 PPP $) on the natural log; the education index is the arithmetic mean of
 * the two schooling indices; the HDI is the geometric mean of the three dimension indices. Notes c and
 * g of Table 1: expected schooling is capped at 18 years and GNI per capita at $75 000 — which the
 * goalposts' clipping to [0, 1] does.
 *
 * The published inputs are rounded (0.1 year, $1) while UNDP computes the HDI from unrounded data,
 * so a recomputed HDI can differ from the published one by less than 0.001; 16 of the 24 rows below
 * reproduce the published three decimals exactly.
 */
import { describe, expect, it } from 'vitest';
import { scoreEdition } from '../src/index';
import { methodology } from './helpers';

const hdiMethodology = methodology({
  id: 'undp-hdi',
  version: 'HDR2015',
  title: 'Human Development Index (HDR 2015 method)',
  scale: 1,
  indicators: [
    {
      key: 'life_expectancy',
      name: 'Life expectancy at birth',
      unit: 'years',
      normalize: { method: 'goalposts', min: 20, max: 85 },
    },
    {
      key: 'expected_schooling',
      name: 'Expected years of schooling',
      unit: 'years',
      normalize: { method: 'goalposts', min: 0, max: 18 },
    },
    {
      key: 'mean_schooling',
      name: 'Mean years of schooling',
      unit: 'years',
      normalize: { method: 'goalposts', min: 0, max: 15 },
    },
    {
      key: 'gni_per_capita',
      name: 'GNI per capita (2011 PPP $)',
      unit: 'PPP$',
      transform: 'log',
      normalize: { method: 'goalposts', min: 100, max: 75000 },
    },
  ],
  dimensions: [
    {
      key: 'hdi',
      name: 'Human Development Index',
      aggregate: 'geometric',
      children: [
        { indicator: 'life_expectancy' },
        {
          key: 'education',
          name: 'Education index',
          aggregate: 'arithmetic',
          children: [{ indicator: 'expected_schooling' }, { indicator: 'mean_schooling' }],
        },
        { indicator: 'gni_per_capita' },
      ],
    },
  ],
});

// country, published HDI, life expectancy, expected schooling, mean schooling, GNI per capita, exact at 3 dp?
const table: Array<[string, number, number, number, number, number, boolean]> = [
  ['Norway', 0.944, 81.6, 17.5, 12.6, 64992, true],
  ['Australia', 0.935, 82.4, 20.2, 13.0, 42261, true],
  ['Switzerland', 0.93, 83.0, 15.8, 12.8, 56431, false],
  ['Denmark', 0.923, 80.2, 18.7, 12.7, 44025, true],
  ['Netherlands', 0.922, 81.6, 17.9, 11.9, 45435, true],
  ['Germany', 0.916, 80.9, 16.5, 13.1, 43919, false],
  ['Ireland', 0.916, 80.9, 18.6, 12.2, 39568, true],
  ['United States', 0.915, 79.1, 16.5, 12.9, 52947, true],
  ['Canada', 0.913, 82.0, 15.9, 13.0, 42155, true],
  ['New Zealand', 0.913, 81.8, 19.2, 12.5, 32689, true],
  ['Singapore', 0.912, 83.0, 15.4, 10.6, 76628, false],
  ['Hong Kong, China (SAR)', 0.91, 84.0, 15.6, 11.2, 53959, true],
  ['Liechtenstein', 0.908, 80.0, 15.0, 11.8, 79851, true],
  ['Sweden', 0.907, 82.2, 15.8, 12.1, 45636, true],
  ['United Kingdom', 0.907, 80.7, 16.2, 13.1, 39267, true],
  ['Iceland', 0.899, 82.6, 19.0, 10.6, 35182, false],
  ['Korea (Republic of)', 0.898, 81.9, 16.9, 11.9, 33890, false],
  ['Israel', 0.894, 82.4, 16.0, 12.5, 30676, true],
  ['Luxembourg', 0.892, 81.7, 13.9, 11.7, 58711, true],
  ['Japan', 0.891, 83.5, 15.3, 11.5, 36927, false],
  ['Belgium', 0.89, 80.8, 16.3, 11.3, 41187, true],
  ['France', 0.888, 82.2, 16.0, 11.1, 38056, true],
  ['Austria', 0.885, 81.4, 15.7, 10.8, 43869, false],
  ['Finland', 0.883, 80.8, 17.1, 10.3, 38695, true],
];

const scores = scoreEdition({
  methodology: hdiMethodology,
  observations: table.flatMap(([country, , life, expected, meanYears, gni]) => [
    { project: country, indicator: 'life_expectancy', value: life },
    { project: country, indicator: 'expected_schooling', value: expected },
    { project: country, indicator: 'mean_schooling', value: meanYears },
    { project: country, indicator: 'gni_per_capita', value: gni },
  ]),
});
const byCountry = new Map(scores.dimensions[0]?.entries.map((e) => [e.project, e]));

describe('UNDP Human Development Index, HDR 2015 Table 1 (geometric root, goalposts, log income)', () => {
  it.each(table.filter((row) => row[6]))('%s: HDI %d reproduced to 3 decimals', (country, published) => {
    expect(byCountry.get(country)?.score.toFixed(3)).toBe(published.toFixed(3));
  });

  it.each(table)(
    '%s: within 0.001 of the published HDI %d (inputs are published rounded)',
    (country, published) => {
      expect(Math.abs((byCountry.get(country)?.score ?? Number.NaN) - published)).toBeLessThan(0.001);
    },
  );

  it('Norway’s dimension indices follow Technical note 1 (0.948, 0.906, 0.978)', () => {
    const norway = byCountry.get('Norway');
    expect(norway?.indicators.life_expectancy?.normalized).toBeCloseTo((81.6 - 20) / 65, 14);
    expect(norway?.nodes.education).toBeCloseTo((17.5 / 18 + 12.6 / 15) / 2, 14);
    expect(norway?.indicators.gni_per_capita?.normalized).toBeCloseTo(
      Math.log(64992 / 100) / Math.log(75000 / 100),
      14,
    );
  });

  it('caps at the upper goalposts: Australia’s 20.2 expected years and Singapore’s $76 628 count as 1', () => {
    expect(byCountry.get('Australia')?.indicators.expected_schooling?.normalized).toBe(1);
    expect(byCountry.get('Singapore')?.indicators.gni_per_capita?.normalized).toBe(1);
  });

  it('contributions share each HDI among its indices and add up to it', () => {
    for (const entry of scores.dimensions[0]?.entries ?? []) {
      const total = Object.values(entry.indicators).reduce((sum, i) => sum + i.contribution, 0);
      expect(total).toBeCloseTo(entry.score, 14);
    }
  });
});
