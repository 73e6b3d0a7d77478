export * from './authorize-refusal';
export * from './parse-authorize-request';
export * from './authorize-decision';
