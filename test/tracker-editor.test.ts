// The tracker's editor pieces that need no editor: the run terminal's line discipline and the marks a run leaves.
import * as assert from 'node:assert/strict';
import type { TrackerReport } from '../src/tracker/types';
import { LineDiscipline, toTerminal } from '../src/vscode/tracker/lineDiscipline';
import { showArgs, splitArgs } from '../src/vscode/tracker/args';
import { marksOf } from '../src/vscode/tracker/markText';
import { makeReport } from './support/report';

describe('run terminal: line discipline (stdin is a pipe, the terminal echoes)', () => {
  it('echoes typed text and sends the line on Enter, with a newline', () => {
    const d = new LineDiscipline();
    assert.deepEqual(d.input('ab'), [{ type: 'echo', text: 'ab' }]);
    assert.deepEqual(d.input('c\r'), [{ type: 'echo', text: 'c\r\n' }, { type: 'send', text: 'abc\n' }]);
    assert.deepEqual(d.input('\r'), [{ type: 'echo', text: '\r\n' }, { type: 'send', text: '\n' }]);
  });

  it('handles a pasted block of lines, backspace over unicode, and drops arrow keys', () => {
    const d = new LineDiscipline();
    assert.deepEqual(d.input('x\r\ny\n'), [{ type: 'echo', text: 'x\r\n' }, { type: 'send', text: 'x\n' }, { type: 'echo', text: 'y\r\n' }, { type: 'send', text: 'y\n' }]);
    assert.deepEqual(d.input('h€😀\x7f\x1b[A\x1b[D\r'), [{ type: 'echo', text: 'h€😀\b \b\r\n' }, { type: 'send', text: 'h€\n' }]);
    assert.deepEqual(d.input('\x7f'), [], 'backspace on an empty line does nothing');
  });

  it('Ctrl-C interrupts and forgets the line; Ctrl-D ends input on an empty line, sends a typed one', () => {
    const d = new LineDiscipline();
    assert.deepEqual(d.input('abc\x03'), [{ type: 'echo', text: 'abc^C\r\n' }, { type: 'interrupt' }]);
    assert.deepEqual(d.input('\x04'), [{ type: 'eof' }]);
    assert.deepEqual(d.input('partial\x04'), [{ type: 'echo', text: 'partial' }, { type: 'send', text: 'partial' }]);
  });

  it('writes every line break as CR LF', () => {
    assert.equal(toTerminal('a\nb\r\nc'), 'a\r\nb\r\nc');
  });
});

describe('run marks', () => {
  const report = (over: Partial<TrackerReport>) => makeReport({ command: ['python3', 'tail.py'], peakKiB: 3_340_288, ...over });

  it('marks the peak line (0-based) with the peak, and each checkpoint with its RSS and peak', () => {
    const marks = marksOf(
      report({
        peakLocation: { file: '/w/tail.py', line: 11, function: 'last_lines' },
        checkpoints: [{ label: 'Content parsed', file: '/w/tail.py', line: 20, t: 1500, rssKiB: 54_272, peakKiB: 3_340_288, phasePeakKiB: null, budgetKiB: null }],
      }),
      'tail.py',
    );
    assert.deepEqual(marks, [
      {
        file: '/w/tail.py',
        line: 10,
        kind: 'peak',
        text: '▲ peak 3,262.0 MB reached here',
        note: '▲ This line made the peak (3,262.0 MB) in the last tracked run of tail.py.',
        hover: '**memlint: peak 3,262\\.0 MB**, reached with this stack:\n\n- ▲ [tail\\.py:11](file:///w/tail.py#L11) in `last_lines`',
      },
      { file: '/w/tail.py', line: 19, kind: 'checkpoint', text: '● Content parsed: RSS 53.0 MB | peak 3,262.0 MB' },
    ]);
  });

  it("marks the run's top lines with what they added, notes the measured MB for findings, and shows the stack on the peak's hover", () => {
    const handle = { file: '/w/service.py', line: 20, function: 'handle' };
    const last = { file: '/w/tail.py', line: 8, function: 'last_lines' };
    const marks = marksOf(
      report({
        peakKiB: 1_048_576,
        peakLocation: last,
        peakStack: [last, handle],
        topLines: [
          { ...last, addedKiB: 921_600, atPeakKiB: 921_600, stack: [last, handle] },
          { file: '/w/service.py', line: 12, function: 'load', addedKiB: 102_400, atPeakKiB: 51_200, stack: [] },
        ],
      }),
      'service.py',
    );
    assert.deepEqual(
      marks.map((m) => [m.kind, m.file, m.line, m.text, m.note]),
      [
        ['peak', '/w/tail.py', 7, '▲ peak 1,024.0 MB reached here', '▲ This line made the peak (1,024.0 MB) in the last tracked run of service.py, adding 900.0 MB.'],
        ['line', '/w/tail.py', 7, '+900.0 MB', undefined],
        ['line', '/w/service.py', 11, '+100.0 MB', '▲ The last tracked run of service.py measured +100.0 MB on this line (5 % of its peak).'],
      ],
    );
    assert.equal(
      marks[0].hover,
      '**memlint: peak 1,024\\.0 MB**, reached with this stack:\n\n- ▲ [tail\\.py:8](file:///w/tail.py#L8) in `last_lines`\n- ← [service\\.py:20](file:///w/service.py#L20) in `handle`',
    );
  });

  it('leaves no peak mark when the peak has no line (a command, or interpreter start-up)', () => {
    assert.deepEqual(marksOf(report({}), 'tail.py'), []);
  });
});

describe('run arguments (split like a shell, run without one)', () => {
  it('splits words, quotes and escapes, and expands nothing', () => {
    assert.deepEqual(splitArgs('big.log 3'), ['big.log', '3']);
    assert.deepEqual(splitArgs(`  "a b"  'c  d' e\\ f g"h"i ''`), ['a b', 'c  d', 'e f', 'ghi', '']);
    assert.deepEqual(splitArgs(`"say \\"hi\\"" 'it''s' $HOME *.log ~ "caf\u00e9 \u{1F600}"`), ['say "hi"', 'its', '$HOME', '*.log', '~', 'caf\u00e9 \u{1F600}']);
    assert.deepEqual(splitArgs(''), []);
  });

  it('refuses an unclosed quote with a clear message', () => {
    assert.throws(() => splitArgs('"big.log'), /unclosed double quote/);
    assert.throws(() => splitArgs("it's"), /unclosed single quote/);
  });

  it('shows arguments so that splitting them again gives them back', () => {
    for (const args of [['big.log', '3'], ['a b', "it's", '', '$HOME', '*.log', 'caf\u00e9']]) assert.deepEqual(splitArgs(showArgs(args)), args);
  });
});
