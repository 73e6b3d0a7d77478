import { CreateStreamCatalogue1764350000000 } from './1764350000000-create-stream-catalogue';

/** The platform's own read-model migrations, in order. */
export const PLATFORM_MIGRATIONS = [CreateStreamCatalogue1764350000000];
