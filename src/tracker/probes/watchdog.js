'use strict';
// memlint's watchdog: `node watchdog.js RUN_DIR`, started by the tracker beside each run, in a session of its own (a
// signal to the tracker's process group or terminal does not reach it). On stdin the tracker sends "group <pgid>" (the
// run's process group: the root's pid), one line "pid <pid> <start time>" per process of the run, and "done" when the
// run is over. End of input without "done" means the tracker died, even by SIGKILL (Node has no prctl(PR_SET_PDEATHSIG)):
// then the watchdog kills the run's process group, every process it was told of and their descendants, waits for
// them to go, and removes the run's temporary folder. Nothing here runs inside the measured process tree.
const fs = require('fs');

const runDir = process.argv[2];
const known = new Map(); // pid -> start time
let root = 0;
let done = false;
let rest = '';

/** [state, pgrp, start] of a process, or null when it is gone. */
function stat(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return [f[0], Number(f[2]), f[19]];
  } catch {
    return null;
  }
}

const alive = (pid, start) => {
  const s = stat(pid);
  return !!s && s[0] !== 'Z' && (start === undefined || s[2] === start);
};

function children(pid) {
  const out = [];
  let tids = [];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      for (const part of fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'latin1').split(' ')) if (Number(part) > 0) out.push(Number(part));
    } catch {
      // the thread is gone
    }
  }
  return out;
}

const send = (pid, signal) => {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
};

function killAll() {
  const targets = new Set([...known].filter(([pid, start]) => alive(pid, start)).map(([pid]) => pid));
  // Freeze, so that nothing forks unseen, then walk the descendants.
  for (const pid of targets) send(pid, 'SIGSTOP');
  for (const pid of targets) for (const child of children(pid)) if (!targets.has(child) && send(child, 'SIGSTOP')) targets.add(child);
  // The group is ours while one of its members is (a pid in use as a group id is never handed out again).
  if (root && [...targets].some((pid) => (stat(pid) || [])[1] === root)) send(-root, 'SIGKILL');
  for (const pid of targets) send(pid, 'SIGKILL');
  const deadline = Date.now() + 3000;
  const wait = () => {
    if ([...targets].some((pid) => alive(pid)) && Date.now() < deadline) return setTimeout(wait, 20);
    try {
      if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
    } catch {
      // left in the temp folder
    }
  };
  wait();
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const lines = (rest + chunk).split('\n');
  rest = lines.pop();
  for (const line of lines) {
    const [word, pid, start] = line.split(' ');
    if (word === 'done') done = true;
    else if (word === 'group' && Number(pid) > 0) root = Number(pid);
    else if (word === 'pid' && Number(pid) > 0 && start) known.set(Number(pid), start);
  }
});
process.stdin.on('end', () => done || killAll());
process.stdin.on('error', () => done || killAll());
