export * from './credential';
export * from './roles';
export * from './authorization.commands';
export * from './authorization.queries';
export * from './oauth.commands';
