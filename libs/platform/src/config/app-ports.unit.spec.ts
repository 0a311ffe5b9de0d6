import { APP_PORT_VARIABLES, defaultAppPort, type AppName } from './app-ports';
import { loadEnvironment } from './environment';

describe('APP_PORT_VARIABLES', () => {
  const apps = Object.keys(APP_PORT_VARIABLES) as AppName[];

  it('gives each app its own default port, 3000–3005, as the environment reads it when the variable is unset', () => {
    expect(apps.map(defaultAppPort)).toEqual([3000, 3001, 3002, 3003, 3004, 3005]);
    const env = loadEnvironment({ DATABASE_URL: 'postgres://localhost/tm', KAFKA_BROKERS: '127.0.0.1:9092' });
    for (const app of apps) expect(env[APP_PORT_VARIABLES[app]]).toBe(defaultAppPort(app));
  });

  it('names the variable the environment reads for each app', () => {
    const env = loadEnvironment({
      DATABASE_URL: 'postgres://localhost/tm',
      KAFKA_BROKERS: '127.0.0.1:9092',
      ...Object.fromEntries(apps.map((app, i) => [APP_PORT_VARIABLES[app], String(4000 + i)])),
    });
    expect(apps.map((app) => env[APP_PORT_VARIABLES[app]])).toEqual([4000, 4001, 4002, 4003, 4004, 4005]);
  });
});
