export * from './db';
export * from './tables';
