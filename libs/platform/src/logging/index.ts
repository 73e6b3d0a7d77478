export * from './create-logger';
export * from './nest-logger';
export * from './log-serializers';
export * from './redacting-destination';
export * from './secret-redaction';
