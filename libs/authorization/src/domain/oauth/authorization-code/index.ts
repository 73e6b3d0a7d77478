export * from './authorization-code.stream';
export * from './authorization-code.lifetime';
export * from './authorization-code.commands';
export * from './authorization-code.events';
export * from './authorization-code.errors';
export * from './authorization-code.outcome';
export { type AuthorizationCodeFacts, type AuthorizationCodeRedemption, type AuthorizationCodeState } from './authorization-code.state';
export { authorizationCodeDecider } from './authorization-code.decide';
