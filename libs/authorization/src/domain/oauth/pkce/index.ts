export * from './pkce-method';
export * from './pkce-text';
export * from './verify-pkce';
