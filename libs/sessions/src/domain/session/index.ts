export * from './session.events';
export * from './session.commands';
export * from './session.errors';
export * from './session.state';
export * from './session.stream';
export { sessionDecider } from './session.decide';
