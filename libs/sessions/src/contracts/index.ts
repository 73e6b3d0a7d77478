export * from './session.commands';
