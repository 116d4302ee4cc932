import { describe, expect, it } from 'vitest';
import { diffEditions, type EditionScores, ScoringInputError } from '../src/index';

const edition = (dimensions: Record<string, Array<[string, number, number]>>): EditionScores => ({
  methodology: { id: 't', version: '1' },
  dimensions: Object.entries(dimensions).map(([key, entries]) => ({
    key,
    name: key,
    entries: entries.map(([project, score, rank]) => ({ project, score, rank, nodes: {}, indicators: {} })),
  })),
});

const previous = edition({
  model: [
    ['a', 90, 1],
    ['b', 80, 2],
    ['c', 70, 3],
    ['gone', 60, 4],
    ['e', 50, 5],
  ],
  retired: [['x', 10, 1]],
});
const current = edition({
  model: [
    ['e', 95, 1],
    ['a', 85, 2],
    ['new', 75, 3],
    ['c', 72, 4],
    ['b', 40, 5],
  ],
});

describe('diffEditions(current, previous)', () => {
  const diff = diffEditions(current, previous, { movers: 2 });
  const model = diff.dimensions[0];

  it('gives each entry its previous rank and the change (positive = moved up)', () => {
    expect(model?.entries.map((e) => [e.project, e.previousRank, e.rankChange])).toEqual([
      ['e', 5, 4],
      ['a', 1, -1],
      ['new', null, null],
      ['c', 3, -1],
      ['b', 2, -3],
    ]);
    expect(model?.entries[0]).toMatchObject({ score: 95, previousScore: 50, scoreChange: 45 });
  });

  it('lists new entries and exits', () => {
    expect(model?.newEntries).toEqual(['new']);
    expect(model?.exits).toEqual(['gone']);
  });

  it('biggest movers by |rank change|, rises first on equal magnitude', () => {
    expect(model?.biggestMovers.map((e) => [e.project, e.rankChange])).toEqual([
      ['e', 4],
      ['b', -3],
    ]);
  });

  it('a dimension only the previous edition had: every project exited', () => {
    expect(diff.dimensions[1]).toEqual({
      key: 'retired',
      entries: [],
      newEntries: [],
      exits: ['x'],
      biggestMovers: [],
    });
  });

  it('without a previous edition every entry is new', () => {
    const first = diffEditions(current, null);
    expect(first.dimensions[0]?.newEntries).toEqual(['e', 'a', 'new', 'c', 'b']);
    expect(first.dimensions[0]?.biggestMovers).toEqual([]);
    expect(first.dimensions[0]?.exits).toEqual([]);
  });

  it('default: 5 movers; refuses a negative count', () => {
    expect(diffEditions(current, previous).dimensions[0]?.biggestMovers).toHaveLength(4);
    expect(() => diffEditions(current, previous, { movers: -1 })).toThrow(ScoringInputError);
  });
});
