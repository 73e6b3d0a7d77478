import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected loadConfig to reject the environment');
}

describe('loadConfig', () => {
  it('given an empty environment, when loaded, then every setting has its default', () => {
    const config = loadConfig({});

    expect({ ...config }).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: './data',
      eventStore: 'postgres',
      region: 'dal',
      logLevel: 'info',
      bodyLimitBytes: 65_536,
      readYourWritesTimeoutMs: 5_000,
      tokenFailuresPerMinute: 30,
      trustProxy: '',
      runProjections: true,
      streamCatalogue: false,
      runMigrations: true,
      shutdownTimeoutMs: 10_000,
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('given every setting, when loaded, then each is parsed to its type', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://app:pw@db:5432/accounts',
      DATA_DIR: '/var/lib/accounts',
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://store:2113?tls=false',
      REGION: 'fra',
      LOG_LEVEL: 'debug',
      BODY_LIMIT_BYTES: '1024',
      READ_YOUR_WRITES_TIMEOUT_MS: '250',
      TOKEN_FAILURES_PER_MINUTE: '5',
      TRUST_PROXY: ' 10.0.0.0/8 ',
      RUN_PROJECTIONS: 'false',
      STREAM_CATALOGUE: 'true',
      RUN_MIGRATIONS: 'no',
      SHUTDOWN_TIMEOUT_MS: '2500',
    });

    expect({ ...config }).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://app:pw@db:5432/accounts',
      dataDir: '/var/lib/accounts',
      eventStore: 'eventstoredb',
      eventStoreConnectionString: 'esdb://store:2113?tls=false',
      region: 'fra',
      logLevel: 'debug',
      bodyLimitBytes: 1024,
      readYourWritesTimeoutMs: 250,
      tokenFailuresPerMinute: 5,
      trustProxy: '10.0.0.0/8',
      runProjections: false,
      streamCatalogue: true,
      runMigrations: false,
      shutdownTimeoutMs: 2500,
    });
  });

  it('given empty variables, when loaded, then they count as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '  ' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('given unrelated variables, when loaded, then they are not copied into the config', () => {
    expect(Object.keys(loadConfig({ PATH: '/usr/bin', HOME: '/root' }))).not.toContain('PATH');
  });

  it.each([
    ['PORT', 'abc', "Invalid configuration: PORT must be an integer between 1 and 65535 (got 'abc')"],
    ['PORT', '70000', "PORT must be an integer between 1 and 65535 (got '70000')"],
    ['PORT', '0', "PORT must be an integer between 1 and 65535 (got '0')"],
    ['PORT', '80.5', "PORT must be an integer between 1 and 65535 (got '80.5')"],
    ['HOST', 'a host', "HOST must be a host name or IP address (got 'a host')"],
    ['EVENT_STORE', 'mongo', "EVENT_STORE must be one of postgres, eventstoredb (got 'mongo')"],
    ['REGION', 'Dal-1', "REGION must be lowercase letters only (got 'Dal-1')"],
    ['LOG_LEVEL', 'verbose', "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got 'verbose')"],
    ['BODY_LIMIT_BYTES', '0', "BODY_LIMIT_BYTES must be a positive integer (got '0')"],
    ['READ_YOUR_WRITES_TIMEOUT_MS', '-1', "READ_YOUR_WRITES_TIMEOUT_MS must be a positive integer (got '-1')"],
    // Replies to writes are read from the read models: without the wait they could miss the write (docs/adr/016).
    ['READ_YOUR_WRITES_TIMEOUT_MS', '0', "READ_YOUR_WRITES_TIMEOUT_MS must be a positive integer (got '0')"],
    ['TRUST_PROXY', 'true', "TRUST_PROXY must be a number of proxy hops, or IP addresses and CIDR ranges separated by commas (got 'true')"],
    ['RUN_PROJECTIONS', 'maybe', "RUN_PROJECTIONS must be true or false (got 'maybe')"],
    ['STREAM_CATALOGUE', 'yes please', "STREAM_CATALOGUE must be true or false (got 'yes please')"],
    ['RUN_MIGRATIONS', 'later', "RUN_MIGRATIONS must be true or false (got 'later')"],
    ['SHUTDOWN_TIMEOUT_MS', '10s', "SHUTDOWN_TIMEOUT_MS must be a non-negative integer (got '10s')"],
  ])('given %s=%s, when loaded, then the error names the setting and why', (name, value, expected) => {
    expect(problemsOf({ [name]: value })).toContain(expected);
  });

  it('given several bad settings, when loaded, then the error names each of them', () => {
    const message = problemsOf({ PORT: 'abc', REGION: 'EU', LOG_LEVEL: 'loud' });

    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).toContain('PORT must be');
    expect(message).toContain('REGION must be');
    expect(message).toContain('LOG_LEVEL must be');
  });

  it('given a malformed DATABASE_URL, when loaded, then the error names it without echoing its credentials', () => {
    const message = problemsOf({ DATABASE_URL: 'mysql://app:hunter2@db/accounts' });

    expect(message).toContain('DATABASE_URL must be a postgres:// or postgresql:// connection URL');
    expect(message).not.toContain('hunter2');
  });

  describe('the eventstoredb dependency', () => {
    it('given EVENT_STORE=eventstoredb without a connection string, when loaded, then the connection string is required', () => {
      expect(problemsOf({ EVENT_STORE: 'eventstoredb' })).toContain(
        'EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb',
      );
    });

    it('given EVENT_STORE=eventstoredb with a non-esdb connection string, when loaded, then the error names it without echoing it', () => {
      const message = problemsOf({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://admin:changeit@store:2113' });

      expect(message).toContain('EVENTSTORE_CONNECTION_STRING must be an esdb:// or kurrentdb:// connection string');
      expect(message).not.toContain('changeit');
    });

    it('given EVENT_STORE=postgres, when loaded, then no connection string is needed', () => {
      expect(loadConfig({ EVENT_STORE: 'postgres' }).eventStore).toBe('postgres');
    });

    it('given a kurrentdb connection string, when loaded, then it is accepted', () => {
      const config = loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'kurrentdb+discover://a,b,c' });

      expect(config.eventStoreConnectionString).toBe('kurrentdb+discover://a,b,c');
    });
  });

  it('given a loaded config, when a setting is reassigned, then it refuses', () => {
    const config = loadConfig({});

    expect(() => Object.assign(config, { port: 1 })).toThrow(TypeError);
  });
});
