export * from './match-redirect-uri';
