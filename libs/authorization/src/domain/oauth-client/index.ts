export * from './oauth-client.stream';
export * from './client-type';
export * from './redirect-uris';
export * from './oauth-client.commands';
export * from './oauth-client.events';
export * from './oauth-client.errors';
export { type OAuthClientState } from './oauth-client.state';
export { oauthClientDecider } from './oauth-client.decide';
