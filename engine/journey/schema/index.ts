export * from './common';
export * from './draft';
export * from './nodes';
export * from './plan';
export * from './triggers';
