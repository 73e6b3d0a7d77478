import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { lowercased, parseBoolean, parseInteger, trimmed } from './env-parsing';
import { IsTrustedProxies } from './trusted-proxies';

export const EVENT_STORE_KINDS = ['postgres', 'eventstoredb'] as const;
export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Settings whose values may carry credentials: a failure message names the setting but never
 * echoes what was given.
 */
const SECRET = { context: { secret: true } };

const EVENTSTORE_URL = /^(esdb|kurrentdb|kurrent|kdb)(\+discover)?:\/\/\S+$/i;

/**
 * Everything the service reads from its environment, parsed and checked once at boot
 * (see loadConfig). Property names are camelCase; each is read from the environment variable
 * named in its @Expose. Messages name the variable, since that is what an operator edits.
 */
export class AppConfig {
  @Expose({ name: 'PORT' })
  @Transform(parseInteger)
  @IsInt({ message: 'PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 1 and 65535' })
  readonly port: number = 3000;

  @Expose({ name: 'HOST' })
  @Transform(trimmed)
  @IsString({ message: 'HOST must be a host name or IP address' })
  @Matches(/^[^\s/]+$/, { message: 'HOST must be a host name or IP address' })
  readonly host: string = '0.0.0.0';

  /** Absent: the service runs on an embedded database in dataDir. */
  @Expose({ name: 'DATABASE_URL' })
  @Transform(trimmed)
  @ValidateIf((config: AppConfig) => config.databaseUrl !== undefined)
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// connection URL', ...SECRET })
  readonly databaseUrl?: string;

  @Expose({ name: 'DATA_DIR' })
  @Transform(trimmed)
  @IsString({ message: 'DATA_DIR must be a directory path' })
  @IsNotEmpty({ message: 'DATA_DIR must be a directory path' })
  readonly dataDir: string = './data';

  @Expose({ name: 'EVENT_STORE' })
  @Transform(lowercased)
  @IsIn(EVENT_STORE_KINDS, { message: `EVENT_STORE must be one of ${EVENT_STORE_KINDS.join(', ')}` })
  readonly eventStore: EventStoreKind = 'postgres';

  /** Only read when eventStore is 'eventstoredb'. */
  @Expose({ name: 'EVENTSTORE_CONNECTION_STRING' })
  @Transform(trimmed)
  @ValidateIf((config: AppConfig) => config.eventStore === 'eventstoredb')
  @IsNotEmpty({ message: 'EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb', ...SECRET })
  @Matches(EVENTSTORE_URL, { message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// or kurrentdb:// connection string', ...SECRET })
  readonly eventStoreConnectionString?: string;

  @Expose({ name: 'REGION' })
  @Transform(trimmed)
  @IsString({ message: 'REGION must be lowercase letters only' })
  @Matches(/^[a-z]+$/, { message: 'REGION must be lowercase letters only' })
  readonly region: string = 'dal';

  @Expose({ name: 'LOG_LEVEL' })
  @Transform(lowercased)
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  readonly logLevel: LogLevel = 'info';

  @Expose({ name: 'BODY_LIMIT_BYTES' })
  @Transform(parseInteger)
  @IsInt({ message: 'BODY_LIMIT_BYTES must be a positive integer' })
  @Min(1, { message: 'BODY_LIMIT_BYTES must be a positive integer' })
  readonly bodyLimitBytes: number = 65_536;

  /**
   * How long a reply after a write may wait for the read models to catch up, and a read of a
   * model that its readers wait for (ReadersWait) for that model; past it, 503. Waiting cannot be
   * turned off: replies to writes are read from the read models (docs/adr/016-read-your-writes-always-on.md).
   */
  @Expose({ name: 'READ_YOUR_WRITES_TIMEOUT_MS' })
  @Transform(parseInteger)
  @IsInt({ message: 'READ_YOUR_WRITES_TIMEOUT_MS must be a positive integer' })
  @Min(1, { message: 'READ_YOUR_WRITES_TIMEOUT_MS must be a positive integer' })
  readonly readYourWritesTimeoutMs: number = 5_000;

  /** Refused token requests one address may make per minute before the token endpoint answers 429. */
  @Expose({ name: 'TOKEN_FAILURES_PER_MINUTE' })
  @Transform(parseInteger)
  @IsInt({ message: 'TOKEN_FAILURES_PER_MINUTE must be a positive integer' })
  @Min(1, { message: 'TOKEN_FAILURES_PER_MINUTE must be a positive integer' })
  readonly tokenFailuresPerMinute: number = 30;

  /**
   * The proxies in front of the service whose X-Forwarded-For is believed: a number of hops, or
   * their addresses and ranges (`10.0.0.0/8,192.168.1.7`, or `loopback`). Unset: a request's
   * address is the socket's. Throttles, session records and logs use the address found.
   */
  @Expose({ name: 'TRUST_PROXY' })
  @Transform(trimmed)
  @IsTrustedProxies({ message: 'TRUST_PROXY must be a number of proxy hops, or IP addresses and CIDR ranges separated by commas' })
  readonly trustProxy: string = '';

  /** False on processes that only serve requests and leave the projections to others. */
  @Expose({ name: 'RUN_PROJECTIONS' })
  @Transform(parseBoolean)
  @IsBoolean({ message: 'RUN_PROJECTIONS must be true or false' })
  readonly runProjections: boolean = true;

  /**
   * Whether the stream catalogue (one row per stream of the event log: its category, revision,
   * event count and last event) is kept. No request of the API reads it; it is for operators
   * who want it, and it costs every write a row (ADR 029). Off by default.
   */
  @Expose({ name: 'STREAM_CATALOGUE' })
  @Transform(parseBoolean)
  @IsBoolean({ message: 'STREAM_CATALOGUE must be true or false' })
  readonly streamCatalogue: boolean = false;

  /**
   * Whether this process brings the read-model schema up to date when it starts (under a lock, so
   * several processes may). False: it refuses to start while a migration is pending, and
   * `admin migrate` is the one to run them, e.g. as a release step before new processes start.
   */
  @Expose({ name: 'RUN_MIGRATIONS' })
  @Transform(parseBoolean)
  @IsBoolean({ message: 'RUN_MIGRATIONS must be true or false' })
  readonly runMigrations: boolean = true;

  @Expose({ name: 'SHUTDOWN_TIMEOUT_MS' })
  @Transform(parseInteger)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be a non-negative integer' })
  @Min(0, { message: 'SHUTDOWN_TIMEOUT_MS must be a non-negative integer' })
  readonly shutdownTimeoutMs: number = 10_000;

  /**
   * Signs sign-in session and CSRF cookies. Every process of one deployment needs the same value;
   * when unset, each process makes up its own at start (fine for one process; sessions end with it).
   */
  @Expose({ name: 'COOKIE_SECRET' })
  @Transform(trimmed)
  @ValidateIf((config: AppConfig) => config.cookieSecret !== undefined)
  @IsString({ message: 'COOKIE_SECRET must be at least 32 characters', ...SECRET })
  @Matches(/^.{32,}$/, { message: 'COOKIE_SECRET must be at least 32 characters', ...SECRET })
  readonly cookieSecret?: string;
}
