/** Injection tokens of the platform's shared services. */
export const APP_CONFIG = Symbol('AppConfig');
export const PLATFORM_RUNTIME = Symbol('PlatformRuntime');
export const DATA_SOURCE = Symbol('DataSource');
export const PROJECTION_PROGRESS = Symbol('ProjectionProgress');
export const PERSONAL_DATA_VAULT = Symbol('PersonalDataVault');
export const CACHE_COHERENCE = Symbol('CacheCoherence');
