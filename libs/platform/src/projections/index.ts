export * from './projection';
export * from './checkpoint-store';
export * from './apply-batch';
export * from './projection-progress';
export * from './projection-runner';
export * from './projection-rebuilder';
export * from './read-model-contribution';
export { StreamCatalogueProjection, categoryOf } from './stream-catalogue/stream-catalogue.projection';
export { StreamCatalogueEntry } from './stream-catalogue/stream-catalogue.entity';
