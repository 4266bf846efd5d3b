// Just enough of source maps (v3) to turn a position in transpiled TypeScript back into a line of the .ts file.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

/** Segments of one generated line: [generated column, original line] pairs (0-based), in column order. */
type Line = Array<[number, number]>;

export class SourceMap {
  private readonly lines: Line[] = [];

  constructor(mappings: string) {
    let srcLine = 0;
    for (const text of mappings.split(';')) {
      const line: Line = [];
      let col = 0;
      for (const segment of text.split(',')) {
        if (!segment) continue;
        const values = decodeVlq(segment);
        col += values[0];
        if (values.length >= 4) {
          srcLine += values[2];
          line.push([col, srcLine]);
        }
      }
      this.lines.push(line);
    }
  }

  static fromJson(json: string): SourceMap {
    return new SourceMap((JSON.parse(json) as { mappings: string }).mappings);
  }

  /** The 1-based original line of a 0-based generated line and column; null where nothing maps. */
  originalLine(line: number, column: number): number | null {
    for (let l = line; l >= 0 && l >= line - 1; l--) {
      const segs = this.lines[l];
      if (!segs?.length) continue;
      if (l < line) return segs[segs.length - 1][1] + 1;
      let best = segs[0];
      for (const seg of segs) if (seg[0] <= column) best = seg;
      return best[1] + 1;
    }
    return null;
  }
}

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`bad source map segment '${segment}'`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}
