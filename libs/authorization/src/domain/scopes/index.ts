export * from './scope-name';
export * from './known-scopes';
export * from './scope-list';
export * from './scope-grants';
