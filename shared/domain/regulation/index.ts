// The regulation format: an organisation's written complaint procedure as validated data.
export * from './vocabulary.ts';
export * from './schema.ts';
export * from './validate.ts';
export * from './milestones.ts';
export * from './summary.ts';
export * from './versions.ts';
