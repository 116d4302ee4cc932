export * from './canonical-url';
export * from './input';
export * from './source-kinds';
export * from './values';
