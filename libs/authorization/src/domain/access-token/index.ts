export * from './access-token.stream';
export * from './revocation-reason';
export * from './access-token.commands';
export * from './access-token.events';
export * from './access-token.errors';
export { type AccessTokenFacts, type AccessTokenState } from './access-token.state';
export * from './access-token.lifetime';
export * from './access-token.limit';
export { accessTokenDecider } from './access-token.decide';
