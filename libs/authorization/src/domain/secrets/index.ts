export * from './token-hash';
