import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { dataPath } from '../data-path';
import { ListFormatError } from '../errors';
import { parseEuFsfXml } from './eu-fsf-xml';
import { parseOfacCsv } from './ofac-csv';
import { parseOpenSanctionsDelta } from './opensanctions-delta';
import { parseOpenSanctionsFtm } from './opensanctions-ftm';
import { parseOpenSanctionsTargetsCsv } from './opensanctions-targets-csv';
import { parseUkHmtCsv } from './uk-hmt-csv';
import { parseUnXml } from './un-xml';
import { parseUsCslCsv } from './us-csl-csv';

/**
 * Hostile input for every list importer: random bytes, truncations and mutations of real files, odd Unicode, and XML
 * entity tricks. Each parse must either succeed or throw a ListFormatError with a reason — never another error,
 * never a hang.
 */
const sample = (...parts: string[]) => readFileSync(dataPath('sanctions', ...parts));
const UN = sample('un-2026-02', 'consolidated.xml').subarray(0, 60_000);
const EU = sample('format-samples', 'eu_fsf-sample.xml');
const UK = sample('format-samples', 'uk_hmt_conlist-sample.csv');
const CSL = sample('format-samples', 'us_csl-sample.csv');
const SDN = sample('ofac-sdn-2024-05-03', 'sdn.csv').subarray(0, 40_000);
const FTM = sample('opensanctions', 'zala-kalashnikov.entities.ftm.json');
const TARGETS = sample('opensanctions', 'targets.simple-sample.csv');

const parsers: [string, Buffer, (input: Buffer) => unknown][] = [
  ['UN XML', UN, (b) => parseUnXml(b)],
  ['EU FSF XML', EU, (b) => parseEuFsfXml(b)],
  ['UK HMT CSV', UK, (b) => parseUkHmtCsv(b)],
  ['US CSL CSV', CSL, (b) => parseUsCslCsv(b)],
  ['OFAC SDN CSV', SDN, (b) => parseOfacCsv({ primary: b }, { version: 'fuzz' })],
  ['OpenSanctions FtM', FTM, (b) => parseOpenSanctionsFtm(b)],
  ['OpenSanctions targets CSV', TARGETS, (b) => parseOpenSanctionsTargetsCsv(b)],
  ['OpenSanctions delta', FTM, (b) => parseOpenSanctionsDelta(b)],
];

function parsesOrRefuses(parse: (input: Buffer) => unknown, input: Buffer): void {
  try {
    parse(input);
  } catch (error) {
    if (!(error instanceof ListFormatError))
      throw new Error(`not a ListFormatError: ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
    expect(error.reason.length).toBeGreaterThan(0);
  }
}

const oddText = fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => `\u202e${s}\u200b\u0301`);

describe.each(parsers)('%s importer under hostile input', (_name, real, parse) => {
  it('never fails other than with a ListFormatError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => parsesOrRefuses(parse, Buffer.from(bytes))),
      { numRuns: 300 },
    );
  });

  it('never fails other than with a ListFormatError on truncated and mutated real files', () => {
    fc.assert(
      fc.property(fc.nat({ max: real.length }), fc.nat({ max: real.length }), oddText, (cut, at, insert) => {
        parsesOrRefuses(parse, real.subarray(0, cut));
        parsesOrRefuses(parse, Buffer.concat([real.subarray(0, at), Buffer.from(insert), real.subarray(at)]));
      }),
      { numRuns: 150 },
    );
  });
});

describe('XML importers against entity tricks', () => {
  const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol3;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`;
  const external = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&xxe;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`;

  it.each([
    ['an entity-expansion bomb', bomb],
    ['an external entity', external],
  ])('refuses %s quickly, reading no file', (_what, xml) => {
    for (const parse of [parseUnXml, parseEuFsfXml]) {
      const started = Date.now();
      expect(() => parse(Buffer.from(xml))).toThrow(ListFormatError);
      expect(Date.now() - started).toBeLessThan(1_000);
    }
  });

  it('refuses a processing instruction cut short (found by this suite: the parser threw a bare Error)', () => {
    const broken = Buffer.concat([EU.subarray(0, 2), Buffer.from("\u202e'\u200b\u0301"), EU.subarray(2)]);
    expect(() => parseEuFsfXml(broken)).toThrow(ListFormatError);
  });

  it('refuses input above the size limit before parsing it', () => {
    expect(() => parseUnXml(Buffer.alloc(2_000, 0x20), { maxBytes: 1_000 })).toThrow(ListFormatError);
  });
});
