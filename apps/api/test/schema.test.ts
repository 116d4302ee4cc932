/** The committed SDL is the merged module SDL, and every public type and field is described. */
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  printSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { printMergedSchema } from '../src/graphql/type-defs';

const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');

describe('schema.graphql', () => {
  it('is up to date with the module SDL (run `npm run codegen`)', () => {
    // Compared as printed by graphql-js: Biome may reformat the committed file.
    expect(`${printSchema(buildSchema(committed))}\n`).toBe(printMergedSchema());
  });

  it('describes every type, field, argument and enum value', () => {
    const schema = buildSchema(committed);
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
        continue;
      if (!type.description && type.name !== 'Query' && type.name !== 'Mutation') missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues())
          if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has the names the GraphQL guide documents', () => {
    const schema = buildSchema(committed);
    const query = schema.getQueryType()?.getFields() ?? {};
    for (const name of [
      'editions',
      'edition',
      'project',
      'projects',
      'organization',
      'organizations',
      'indicators',
      'methodology',
      'evidence',
      'viewer',
    ]) {
      expect(query[name], name).toBeDefined();
    }
    const mutation = schema.getMutationType()?.getFields() ?? {};
    for (const name of [
      'submitEvidence',
      'reviewEvidence',
      'createProject',
      'updateProject',
      'createOrganization',
      'updateOrganization',
      'createEdition',
      'computeEdition',
      'publishEdition',
      'createApiKey',
      'revokeApiKey',
      'createUser',
    ]) {
      expect(mutation[name], name).toBeDefined();
    }
  });
});
