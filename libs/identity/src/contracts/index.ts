export * from './account-view';
export * from './account.commands';
export * from './account.queries';
export type { AccountEvent, EmailReservationEvent } from '../domain';
export * from './account-as-of.query';
