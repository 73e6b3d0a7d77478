export * from './too-many-redirects';
