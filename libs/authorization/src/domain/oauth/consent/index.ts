export * from './consent.stream';
export * from './consent.events';
export { consentCovers, oauthConsentDecider, type GrantOAuthConsent, type OAuthConsentState } from './consent.decide';
