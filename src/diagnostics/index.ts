export * from './diagnostic.ts';
export * from './report.ts';
export * from './suggest.ts';
