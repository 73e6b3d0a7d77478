export * from './product';
export * from './role-view';
export * from './predefined-roles';
export * from './role-scopes';
export * from './role-grants';
