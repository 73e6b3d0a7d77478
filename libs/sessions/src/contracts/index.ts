export * from './session.commands';
export * from './sign-in.commands';
