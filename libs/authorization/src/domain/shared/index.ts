export * from './name-rules';
