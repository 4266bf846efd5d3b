// The last run's marks in the editor: "▲ peak 3,262.0 MB reached here" on the peak line (its hover: the stack at the
// peak), a note at each checkpoint, "+1,203.0 MB" on the run's top lines (memlint.tracker.lineMarks hides these),
// kept per script (running another script does not wipe them), moved with edits above them, and offered to the
// linter so a finding on a measured line says what the run measured there.
import * as vscode from 'vscode';
import type { Mark } from './markText';

export class RunMarks implements vscode.Disposable {
  private readonly byScript = new Map<string, Mark[]>();
  private readonly types = {
    peak: vscode.window.createTextEditorDecorationType({
      after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorWarning.foreground') },
      overviewRulerColor: new vscode.ThemeColor('editorWarning.foreground'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    }),
    checkpoint: vscode.window.createTextEditorDecorationType({
      after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground') },
    }),
    line: vscode.window.createTextEditorDecorationType({
      after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    }),
  };
  private readonly changed = new vscode.EventEmitter<string[]>();
  /** Files whose marks changed (absolute paths): their diagnostics may need the peak note added or removed. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.render(e))),
      vscode.workspace.onDidChangeTextDocument((e) => this.follow(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('memlint.tracker.lineMarks')) vscode.window.visibleTextEditors.forEach((editor) => this.render(editor));
      }),
    ];
  }

  /** Replace the marks of one script's runs (its key in the run history). */
  set(script: string, marks: Mark[]): void {
    const files = new Set([...(this.byScript.get(script) ?? []), ...marks].map((m) => m.file));
    this.byScript.set(script, marks);
    for (const editor of vscode.window.visibleTextEditors) if (files.has(editor.document.uri.fsPath)) this.render(editor);
    this.changed.fire([...files]);
  }

  inFile(file: string): Mark[] {
    return [...this.byScript.values()].flat().filter((m) => m.file === file);
  }

  /** The peak notes for a document's findings: a finding whose lines include a peak line gets its note. */
  notesFor(uri: vscode.Uri): { line: number; note: string }[] {
    if (uri.scheme !== 'file') return [];
    return this.inFile(uri.fsPath).flatMap((m) => (m.note ? [{ line: m.line, note: m.note }] : []));
  }

  /** Whether the top lines' marks are shown (`memlint.tracker.lineMarks`). */
  private lineMarksShown(uri: vscode.Uri): boolean {
    return vscode.workspace.getConfiguration('memlint', uri).get<boolean>('tracker.lineMarks', true) !== false;
  }

  private render(editor: vscode.TextEditor): void {
    if (editor.document.uri.scheme !== 'file') return;
    const shown = this.lineMarksShown(editor.document.uri);
    const marks = this.inFile(editor.document.uri.fsPath).filter((m) => m.line < editor.document.lineCount && (shown || m.kind !== 'line'));
    for (const kind of ['peak', 'checkpoint', 'line'] as const) {
      editor.setDecorations(
        this.types[kind],
        marks
          .filter((m) => m.kind === kind)
          .map((m) => {
            const line = editor.document.lineAt(m.line);
            // A mark with a hover covers the line's code, so that pointing at the line shows it.
            const start = m.hover ? line.range.start.translate(0, line.firstNonWhitespaceCharacterIndex) : line.range.end;
            const hoverMessage = m.hover ? new vscode.MarkdownString(m.hover) : undefined;
            return { range: new vscode.Range(start, line.range.end), hoverMessage, renderOptions: { after: { contentText: m.text } } };
          }),
      );
    }
  }

  /** What the editor shows for a file (the test API): each mark as rendered, the line marks only when shown. */
  shownIn(file: string): Mark[] {
    const shown = this.lineMarksShown(vscode.Uri.file(file));
    return this.inFile(file).filter((m) => shown || m.kind !== 'line');
  }

  /** Keep marks on their lines while the file is edited above them (until the next run measures again). */
  private follow(e: vscode.TextDocumentChangeEvent): void {
    if (e.document.uri.scheme !== 'file' || e.contentChanges.length === 0) return;
    const marks = this.inFile(e.document.uri.fsPath);
    if (marks.length === 0) return;
    // Changes come last-first in the document, so each one's range is in the coordinates before it.
    for (const change of e.contentChanges) {
      const added = change.text.split('\n').length - 1 - (change.range.end.line - change.range.start.line);
      const { end } = change.range;
      for (const m of marks) if (end.line < m.line || (end.line === m.line && end.character === 0)) m.line += added;
    }
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === e.document) this.render(editor);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    Object.values(this.types).forEach((t) => t.dispose());
    this.changed.dispose();
  }
}
