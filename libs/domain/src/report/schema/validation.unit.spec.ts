import { randomUUID } from 'node:crypto';
import { checkReportCommand } from './payloads';

describe('text PostgreSQL cannot store, in a command however written', () => {
  it('is refused by the processor checks naming the field (the API refuses it at the door with 400)', () => {
    const payload = {
      reportId: randomUUID(),
      source: { publisher: 'P\u0000', title: 'T\ud800', publishedOn: '2023-02-23', sourceType: 'news' },
      sourceReliability: 'B',
      claims: [],
    };
    expect(
      checkReportCommand('SubmitReport', payload)
        .map((v) => `${v.path} ${v.rule}`)
        .sort(),
    ).toEqual(['source.publisher noNulCharacter', 'source.title isWellFormedUnicode']);
  });
});
