export * from './request-context';
export * from './request-command';
