import { CreateStreamCatalogue1764350000000 } from './1764350000000-create-stream-catalogue';
import { CreateReadModelChangeSignals1764350000100 } from './1764350000100-create-read-model-change-signals';
import { CreateKeyedChangeSignals1764700000000 } from './1764700000000-create-keyed-change-signals';

/** The platform's own read-model migrations, in order. */
export const PLATFORM_MIGRATIONS = [CreateStreamCatalogue1764350000000, CreateReadModelChangeSignals1764350000100, CreateKeyedChangeSignals1764700000000];
