// Grows to about 100 MB, then holds it until the time given (ms, default 20 s) is up or it is stopped.
const keep = [];
const until = Date.now() + Number(process.argv[2] || 20000);
const timer = setInterval(() => {
  if (keep.length < 50) keep.push(Buffer.alloc(2 * 1024 * 1024, 1));
  if (Date.now() > until) {
    clearInterval(timer);
    console.log(`held ${keep.length * 2} MB`);
  }
}, 50);
