/** Look-ahead of src/graphql/selection.ts on parsed documents, without a schema or a database. */
import {
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { isSelected, type SelectionInfo } from '../src/graphql/selection';

/** The `info` a resolver of the operation's root field(s) named `field` would get. */
function infoFor(document: string, field = 'project'): SelectionInfo {
  const parsed = parse(document);
  const operation = parsed.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of parsed.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const fieldNodes = (operation?.selectionSet.selections ?? []).filter(
    (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === field,
  );
  return { fieldNodes, fragments };
}

describe('isSelected', () => {
  it('finds a direct field and not an absent one', () => {
    const info = infoFor('{ project(slug: "x") { slug organizations { slug } } }');
    expect(isSelected(info, 'organizations')).toBe(true);
    expect(isSelected(info, 'slug')).toBe(true);
    expect(isSelected(info, 'country')).toBe(false);
  });

  it('matches names, not aliases', () => {
    const info = infoFor('{ project(slug: "x") { orgs: organizations { slug } country: name } }');
    expect(isSelected(info, 'organizations')).toBe(true);
    expect(isSelected(info, 'orgs')).toBe(false);
    expect(isSelected(info, 'country')).toBe(false);
  });

  it('looks through inline fragments and named fragments, nested', () => {
    const inline = infoFor('{ project(slug: "x") { ... on Project { ... { organizations { slug } } } } }');
    expect(isSelected(inline, 'organizations')).toBe(true);
    const named = infoFor(`{ project(slug: "x") { ...P } }
      fragment P on Project { slug ...Q }
      fragment Q on Project { organizations { slug } }`);
    expect(isSelected(named, 'organizations')).toBe(true);
    expect(isSelected(named, 'name')).toBe(false);
  });

  it('follows a dotted path, field by field', () => {
    const info = infoFor(
      `{ projects { totalCount edges { ...E } } }
       fragment E on ProjectEdge { cursor node { ... on Project { organizations { slug } } } }`,
      'projects',
    );
    expect(isSelected(info, 'edges.node.organizations')).toBe(true);
    expect(isSelected(info, 'edges.node.organizations.slug')).toBe(true);
    expect(isSelected(info, 'edges.node.organizations.name')).toBe(false);
    expect(isSelected(info, 'edges.organizations')).toBe(false);
    expect(isSelected(info, 'node.organizations')).toBe(false);
    expect(isSelected(info, 'edges.cursor')).toBe(true);
  });

  it('does not take a field at another depth for the one asked for', () => {
    const info = infoFor('{ project(slug: "x") { results { project { organizations { slug } } } } }');
    expect(isSelected(info, 'organizations')).toBe(false);
    expect(isSelected(info, 'results.project.organizations')).toBe(true);
  });

  it('reads every node of a merged field', () => {
    const info = infoFor('{ project(slug: "x") { slug } project(slug: "x") { organizations { slug } } }');
    expect(info.fieldNodes).toHaveLength(2);
    expect(isSelected(info, 'organizations')).toBe(true);
  });

  it('counts fields under @skip/@include as selected (over-fetch, never under-fetch)', () => {
    const info = infoFor('{ project(slug: "x") { organizations @skip(if: true) { slug } } }');
    expect(isSelected(info, 'organizations')).toBe(true);
  });

  it('tolerates unknown and cyclic fragments', () => {
    expect(isSelected(infoFor('{ project(slug: "x") { ...Missing } }'), 'organizations')).toBe(false);
    const cyclic = infoFor(`{ project(slug: "x") { ...A } }
      fragment A on Project { ...B }
      fragment B on Project { slug ...A }`);
    expect(isSelected(cyclic, 'organizations')).toBe(false);
    expect(isSelected(cyclic, 'slug')).toBe(true);
  });

  it('answers false for a leaf field (no selection set)', () => {
    expect(isSelected(infoFor('{ project }'), 'organizations')).toBe(false);
  });
});
