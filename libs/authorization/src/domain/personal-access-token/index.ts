export * from './personal-access-token.stream';
export * from './pat-revocation-reason';
export * from './personal-access-token.commands';
export * from './personal-access-token.events';
export * from './personal-access-token.errors';
export * from './personal-access-token.rules';
export { type PersonalAccessTokenFacts, type PersonalAccessTokenState } from './personal-access-token.state';
export { personalAccessTokenDecider } from './personal-access-token.decide';
