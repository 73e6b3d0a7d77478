export * from './refresh-token.stream';
export * from './refresh-token-rotation';
export * from './refresh-family-revocation-reason';
export * from './refresh-token.commands';
export * from './refresh-token.events';
export * from './refresh-token.errors';
export * from './refresh-token.outcome';
export { type RefreshFamilyFacts, type RefreshTokenState } from './refresh-token.state';
export { refreshTokenDecider } from './refresh-token.decide';
