export * from './custom-role.stream';
export * from './custom-role.commands';
export * from './custom-role.events';
export * from './custom-role.errors';
export * from './custom-role.rules';
export { customRoleView, type CustomRoleFacts, type CustomRoleState } from './custom-role.state';
export { customRoleDecider } from './custom-role.decide';
export * from './assert-deletable-role';
