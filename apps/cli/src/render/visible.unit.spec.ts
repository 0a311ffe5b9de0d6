import fc from 'fast-check';
import { renderAlerts } from './alerts';
import { renderTable } from './table';
import { terminalJson, visibleControls } from './visible';

/** What a terminal would act on: bidi controls, C0/C1 controls other than tab and line feed, U+2028–U+2029. */
const ACTED_ON = /[\p{Bidi_Control}\u2028\u2029]|(?![\t\n])\p{Cc}/u;

describe('controls in user text, on the terminal', () => {
  it('writes bidi controls, escape sequences and carriage returns out as <U+XXXX>, keeping tabs and line feeds', () => {
    expect(visibleControls('evil\u202Etxt.exe')).toBe('evil<U+202E>txt.exe');
    expect(visibleControls('\u2066a\u2069 \u200F\u061C')).toBe('<U+2066>a<U+2069> <U+200F><U+061C>');
    expect(visibleControls('\x1b[2J\rover\u0085\u2028')).toBe('<U+001B>[2J<U+000D>over<U+0085><U+2028>');
    expect(visibleControls('Müller\t中国\nok')).toBe('Müller\t中国\nok');
  });

  it('shows a right-to-left override in a table cell visibly, and the table keeps its order and widths', () => {
    const out = renderTable(
      ['claim', 'items'],
      [
        ['a', 'drones \u202E0001 setar'],
        ['b', 'missiles'],
      ],
      [7, 30],
    );
    expect(out).toContain('│ a     │ drones <U+202E>0001 setar    │');
    expect(out).not.toMatch(ACTED_ON);
    expect(new Set(out.split('\n').map((l) => l.length)).size).toBe(1);
  });

  it("shows the controls of an alert's explanation lines", () => {
    const out = renderAlerts([
      { alertId: 'a1', kind: 'ownership', queryName: 'LLC \u202ETSC', basis: { ownership: { holders: [{ path: '\u202Eowner' }] } } },
    ]);
    expect(out).toContain('LLC <U+202E>TSC');
    expect(out).toContain('  <U+202E>owner');
    expect(out).not.toMatch(ACTED_ON);
  });

  it('leaves nothing a terminal acts on in any table or JSON, and the JSON reads back as the data sent', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\u202E', '\u2066', '\x1b', '\r', '\u0085', '\u2028'));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 2 }), { maxLength: 4 }), (rows) => {
        expect(renderTable(['a', 'b'], rows, [10, 20])).not.toMatch(ACTED_ON);
        const json = terminalJson({ rows });
        expect(json).not.toMatch(ACTED_ON);
        expect(JSON.parse(json)).toEqual({ rows });
      }),
    );
  });
});
