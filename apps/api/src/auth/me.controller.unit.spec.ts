import { ACTION_NAMES, allowedActions } from './me.controller';

describe('GET /v1/me: the actions a role allows, read from the access policy', () => {
  it('a viewer only reads', () => {
    expect(allowedActions('viewer')).toEqual([]);
  });

  it('an analyst submits reports, reviews alerts, screens names and merges or splits entities', () => {
    expect(allowedActions('analyst')).toEqual(['submitReports', 'reviewAlerts', 'screenNames', 'decideEntities']);
  });

  it('an admin may take every action', () => {
    expect(allowedActions('admin')).toEqual(ACTION_NAMES);
  });
});
