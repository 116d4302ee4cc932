/** Writes src/graphql/generated/ (committed) from the operations in src/ and apps/api/schema.graphql. */
import { generate } from '@graphql-codegen/cli';
import { codegenConfig } from '../codegen';

await generate(codegenConfig, true);
console.log('wrote src/graphql/generated/');
