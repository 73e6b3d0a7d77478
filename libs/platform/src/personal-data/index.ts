export * from './encrypted-value';
export * from './personal-data.errors';
export * from './personal-data.schema';
export * from './personal-data-vault';
