export * from './platform-runtime';
