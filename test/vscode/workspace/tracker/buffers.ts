// TypeScript run by the tracker: on Node < 22.6 memlint transpiles it with the TypeScript bundled in the extension.
interface Block {
  mb: number;
  data: Buffer;
}

function allocate(sizes: number[]): Block[] {
  return sizes.map((mb) => ({ mb, data: Buffer.alloc(mb * 1024 * 1024, 1) }));
}

const blocks: Block[] = allocate([16, 32, 64]);
console.log(`held ${blocks.reduce((n, b) => n + b.mb, 0)} MB`);
