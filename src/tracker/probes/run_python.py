"""memlint tracker wrapper: `python run_python.py SCRIPT [ARGS...]` runs SCRIPT as __main__, as `python SCRIPT` would.

It adds three probes:
- a sampler thread that, every MEMLINT_STACK_INTERVAL seconds, writes the main thread's chain of frames of the
  user's own code (innermost first), with the time, VmRSS, VmHWM and RssAnon/RssFile/RssShmem, to the pipe on fd
  MEMLINT_STACK_FD. It holds the GIL while it looks, so it never reads a frame being torn down (faulthandler's
  GIL-less watchdog does, and crashed CPython 3.11 with SIGSEGV in our tests). A long C call that releases the GIL
  (file I/O) is sampled while it runs; one that holds it (decoding in a text f.read(), json.loads) returns inside its
  CALL instruction, where the GIL is first given up, so the next sample still shows the line of that call.
- for what holds the GIL for long (an operator: b"x" * n, big + big), the tracker reads the main thread's frames
  from outside (/proc/<pid>/mem) while no sample comes: on CPython 3.11-3.13 this wrapper finds where the thread
  state keeps them (calibrate_frames, once at start, reading its own memory through /proc/self/mem, never a pointer
  it is not sure of) and writes it to frames.layout in the run folder; the tracker asks on fd MEMLINT_CODE_FD what the
  code objects it saw are, and the sampler answers ("#code": file, function, line table). At exit it waits (a second
  at most) for the tracker's last questions ("#bye" on the stack pipe, answered "bye").
- an atexit hook recording this process's VmHWM, the exact peak.
Its own frames are kept out of tracebacks. Exit status, SystemExit, KeyboardInterrupt and uncaught exceptions behave
as without it. Python 3.6+.
"""
import atexit
import os
import sys


def _main():
    import runpy
    import site

    import memlint_checkpoint as probe

    script = sys.argv[1]
    path = os.path.abspath(script)
    fd = os.environ.pop("MEMLINT_STACK_FD", None)
    code_fd = os.environ.pop("MEMLINT_CODE_FD", None)
    interval = float(os.environ.pop("MEMLINT_STACK_INTERVAL", "0.01"))

    atexit.register(_at_exit)  # registered first, so it runs after the script's own atexit hooks
    if fd is not None:
        skip = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, os.path.dirname(os.path.abspath(__file__))]
        try:
            skip += site.getsitepackages() + [site.getusersitepackages()]
        except AttributeError:  # virtualenv's old site.py
            pass
        _start_sampler(int(fd), None if code_fd is None else int(code_fd), interval, path, skip)

    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(path)
    if code_fd is not None:
        # The tracker may ask what a code object it read is only after the call that held the GIL, and the script's
        # last call can end with the script: its code (and, with run_path's globals, its functions') must outlive it.
        def keep_main_code(event, args):
            if event == "exec" and not _kept and args and getattr(args[0], "co_filename", None) == path:
                _kept.append(args[0])

        sys.addaudithook(keep_main_code)
    try:
        _kept.append(runpy.run_path(path, run_name="__main__"))
    except SystemExit:
        raise
    except BaseException as exc:
        _report(exc, path)


_sampling = [False]
_kept = []  # the script's code object and globals, kept until exit (see keep_main_code)
_answer = [None]  # at exit: answers the tracker's last questions about code objects (see farewell)

#: At most this many user frames a sample (innermost first); the outermost ones are dropped.
MAX_FRAMES = 32


def _start_sampler(fd, code_fd, interval, script, skip):
    import _thread
    import time

    os.set_inheritable(fd, False)
    script_dir = os.path.dirname(script) + os.sep
    prefixes = tuple(p.rstrip(os.sep) + os.sep for p in set(skip) if p)
    users = {}

    def is_user(file):
        """The user's own code: not <frozen ...>, the standard library, site-packages or this wrapper."""
        user = users.get(file)
        if user is None:
            user = os.path.isabs(file) and (file.startswith(script_dir) or not file.startswith(prefixes))
            users[file] = user
        return user

    def clean(text):
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")

    main = _thread.get_ident()
    frames, monotonic, sleep = sys._current_frames, time.monotonic, time.sleep
    status = os.open("/proc/self/status", os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    os.set_blocking(fd, False)  # a stalled tracker costs samples, never a blocked program
    read_status, send, receive = _syscalls_holding_gil(status, fd, code_fd)
    fields = (b"\nVmRSS:", b"\nVmHWM:", b"\nRssAnon:", b"\nRssFile:", b"\nRssShmem:")

    def memory():
        """VmRSS, VmHWM, RssAnon, RssFile, RssShmem in KiB, read at the sample (0 for a line the kernel lacks)."""
        try:
            text = read_status()
        except OSError:
            return (0, 0, 0, 0, 0)
        out = []
        for name in fields:
            at = text.find(name)
            try:
                out.append(int(text[at + len(name) : text.index(b"k", at)]) if at >= 0 else 0)
            except ValueError:
                out.append(0)
        return out

    long_wait = max(50.0, 20 * sys.getswitchinterval() * 1000.0)  # ms
    names = {}

    def where(f):
        """The user frames of a stack, innermost first: "count\tline\tfunction\tfile..." (tab-separated)."""
        parts = []
        while f is not None and len(parts) < MAX_FRAMES:
            code = f.f_code
            if is_user(code.co_filename):
                name = names.get(code)
                if name is None:
                    name = names[code] = "%s\t%s" % (clean(code.co_name), clean(code.co_filename))
                parts.append("%d\t%s" % (f.f_lineno or 0, name))
            f = f.f_back
        return "%d\t%s" % (len(parts), "\t".join(parts)) if parts else "0"

    def describe(address):
        """"#code" line for a code object the tracker saw from outside (null when it is not one, or no longer is)."""
        code = _code_at(address)
        if code is None:
            return "#code\t%d\t-" % address
        user = 1 if is_user(code.co_filename) else 0
        ranges = ",".join("%d:%d:%d" % r for r in code.co_lines() if r[2] is not None) if user else ""
        return "#code\t%d\t%d\t%s\t%s\t%s" % (address, user, clean(code.co_name), clean(code.co_filename), ranges)

    pending = [b""]
    bye = [False]  # the tracker said "bye" (the sampler thread may be the one that read it)

    def answer():
        """Answer the tracker's questions ("<address>\\n" on fd MEMLINT_CODE_FD), holding the GIL. True once the
        tracker said "bye" (it has asked all it will)."""
        if receive is None:
            return True
        data = pending[0] + receive()
        lines = data.split(b"\n")
        pending[0] = lines.pop()
        for line in lines:
            if line == b"bye":
                bye[0] = True
                return True
            try:
                address = int(line)
            except ValueError:
                continue
            try:
                send((describe(address) + "\n").encode("utf-8", "surrogateescape"))
            except OSError:
                return True
        return False

    def farewell(wait=2.0):
        """At exit: what the tracker read during the last call is asked about after it; answer until it says "bye"
        (two seconds at most, should the tracker be stalled)."""
        import select

        try:
            send(b"#bye\n")
        except OSError:
            return
        deadline = monotonic() + wait
        while not (answer() or bye[0]):
            left = deadline - monotonic()
            if left <= 0:
                return
            select.select([code_fd], [], [], min(left, 0.05))

    _answer[0] = farewell if receive is not None else None

    def sample():
        # Every sample makes the main thread hand the GIL over and wait until this thread has run, which on a busy
        # machine can take a while. So it samples often only while memory rises (the only time a sample can place
        # the peak) and ten times less often while VmHWM stays where it was.
        delay, last_hwm = interval, 0
        while _sampling[0]:
            if delay:
                sleep(delay)
            t = monotonic() * 1000.0
            stack = where(frames().get(main))
            # Let go of the frames before anything can release the GIL (where() keeps none): a frame object keeps
            # its locals alive, and a function returning meanwhile would keep its memory, the very thing measured.
            rss, hwm, anon, file, shmem = memory()
            try:
                send(("%.3f\t%d\t%d\t%d\t%d\t%d\t%s\n" % (t, rss, hwm, anon, file, shmem, stack)).encode("utf-8", "surrogateescape"))
                answer()
            except BlockingIOError:
                pass  # the pipe is full: this sample is dropped
            except OSError:
                return  # the tracker is gone
            # Without ctypes, reading and sending give the GIL up. Getting it back from a busy main thread takes up
            # to the switch interval (5 ms); a much longer wait means the main thread held the GIL in one long call
            # and has just returned from it: look again at once, while that call's line is still on its stack.
            if monotonic() * 1000.0 - t > long_wait:
                delay = 0
            else:
                delay = interval if hwm > last_hwm else interval * 10
            last_hwm = hwm

    def in_child():  # a forked child has no sampler thread and must not write into the parent's stream
        _sampling[0] = False
        _answer[0] = None
        for f in (fd, code_fd):
            try:
                if f is not None:
                    os.close(f)
            except OSError:
                pass

    if hasattr(os, "register_at_fork"):  # Python 3.7+
        os.register_at_fork(after_in_child=in_child)
    run_dir = os.environ.get("MEMLINT_RUN_DIR")
    if code_fd is not None and run_dir:
        layout = _calibrate_frames()
        if layout:
            # A file, not the pipe: the tracker's frame reader (a thread of its own) takes it without its main thread.
            try:
                tmp = os.path.join(run_dir, "frames.layout.tmp")
                with open(tmp, "w") as f:
                    f.write("\t".join(str(v) for v in [os.getpid()] + list(layout)))
                os.replace(tmp, os.path.join(run_dir, "frames.layout"))
                _wait_for(os.path.join(run_dir, "frames.ready"), 0.5)
            except OSError:
                pass
    _sampling[0] = True
    # A first reading, from this thread, before the script runs: its first rise (often made before the sampler gets
    # the GIL) then has a reading to start from.
    rss, hwm, anon, file, shmem = memory()
    try:
        send(("%.3f\t%d\t%d\t%d\t%d\t%d\t0\n" % (monotonic() * 1000.0, rss, hwm, anon, file, shmem)).encode("ascii"))
    except OSError:
        pass
    _thread.start_new_thread(sample, ())  # a bare thread: invisible to threading.enumerate()


def _word_reader():
    """8-byte words of this process's memory through /proc/self/mem: a bad address is an error, never a crash."""
    mem = os.open("/proc/self/mem", os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))

    def words(address, count):
        try:
            data = os.pread(mem, 8 * count, address) if address > 4096 else b""
        except (OSError, OverflowError):
            data = b""
        out = [int.from_bytes(data[i : i + 8], sys.byteorder) for i in range(0, len(data) - 7, 8)]
        return out + [0] * (count - len(out))

    return mem, words


def _calibrate_frames():
    """Where the main thread keeps its frames, found in this process's own memory (CPython 3.11-3.13, 64-bit):
    (thread state, its offset of the current frame or of the cframe holding it, the cframe's offset or -1, a frame's
    offsets of its code, of the frame before it and of its instruction pointer, the code object's offset of its
    bytecode, the address of the code type). None where the layout is not found: the gaps stay unread."""
    if sys.version_info[:2] not in ((3, 11), (3, 12), (3, 13)) or sys.maxsize < 2**32:
        return None
    try:
        import ctypes

        get_state = ctypes.pythonapi.PyThreadState_Get
        get_state.restype = ctypes.c_void_p
        mem, words = _word_reader()
    except (ImportError, OSError, AttributeError):
        return None
    try:
        return _find_layout(get_state(), words)
    finally:
        os.close(mem)


def _find_layout(tstate, words):
    # While words() reads, it is the thread's current frame, called from here: the two frames to look for. (Frames
    # live on the thread's own stack since 3.11, so each call of words() from here has the same address.)
    me, caller = words.__code__, sys._getframe().f_code
    state = words(tstate, 128)
    for o1, p in enumerate(state):
        if p <= 4096:
            continue
        inner = words(p, 8)
        for o2, frame in [(-1, p)] + list(enumerate(inner)):
            block = words(frame, 12)
            if id(me) not in block:
                continue
            oc = block.index(id(me))
            for op, before in enumerate(block):
                if before <= 4096 or words(before + 8 * oc, 1)[0] != id(caller):
                    continue
                base = type(me).__basicsize__
                ends = lambda code: (id(code) + base, id(code) + base + len(code.co_code))
                outer = words(before, 12)
                for oi, ip in enumerate(block):
                    lo, hi = ends(me)
                    clo, chi = ends(caller)
                    if lo <= ip < hi and clo <= outer[oi] < chi:
                        return (tstate, 8 * o1, -1 if o2 < 0 else 8 * o2, 8 * oc, 8 * op, 8 * oi, base, id(type(me)))
    return None


def _code_at(address):
    """The code object at an address the tracker read, or None: checked through /proc/self/mem (its type is code and
    it is alive) before Python touches it."""
    import types

    try:
        import ctypes

        mem, words = _word_reader()
    except (ImportError, OSError):
        return None
    try:
        refs, kind = words(address, 2)
        if kind != id(types.CodeType) or not 0 < refs < 2**40:
            return None
        code = ctypes.cast(address, ctypes.py_object).value
        return code if isinstance(code, types.CodeType) else None
    finally:
        os.close(mem)


def _syscalls_holding_gil(status, fd, code_fd):
    """pread(status), write(fd) and a non-blocking read(code_fd) that keep the GIL: each os.read/os.write gives it
    up, and getting it back from a busy main thread costs a forced thread switch every time. ctypes.PyDLL calls into
    libc without releasing it."""
    if code_fd is not None:
        os.set_inheritable(code_fd, False)
        os.set_blocking(code_fd, False)

    def plain_receive():
        try:
            return os.read(code_fd, 65536)
        except (BlockingIOError, OSError):
            return b""

    try:
        import ctypes

        libc = ctypes.PyDLL(None, use_errno=True)
        pread, write, read = libc.pread, libc.write, libc.read
        pread.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_long]
        pread.restype = ctypes.c_ssize_t
        write.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t]
        write.restype = ctypes.c_ssize_t
        read.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t]
        read.restype = ctypes.c_ssize_t
        buf = ctypes.create_string_buffer(8192)
        inbox = ctypes.create_string_buffer(65536)
    except (ImportError, OSError, AttributeError):
        return (lambda: os.pread(status, 8192, 0)), (lambda data: os.write(fd, data)), (None if code_fd is None else plain_receive)

    def receive():
        n = read(code_fd, inbox, 65536)
        return inbox.raw[:n] if n > 0 else b""

    def read_status():
        n = pread(status, buf, 8192, 0)
        if n < 0:
            raise OSError(ctypes.get_errno(), "pread")
        return buf.raw[:n]

    def send(data):
        if write(fd, data, len(data)) < 0:
            err = ctypes.get_errno()
            raise BlockingIOError(err, "write") if err in (11, 35) else OSError(err, "write")  # EAGAIN

    return read_status, send, (None if code_fd is None else receive)


def _wait_for(path, seconds):
    """Until `path` exists (the tracker's frame reader is ready: the script's first call is read too), or `seconds`."""
    import time

    deadline = time.monotonic() + seconds
    while not os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.001)


def _at_exit():
    _sampling[0] = False
    farewell = _answer[0]
    if farewell is not None:
        try:
            farewell()  # what the tracker saw in a last long call (the script's end) is named before the exit
        except (OSError, ValueError):
            pass
    import memlint_checkpoint as probe

    probe._record_exit()


def _report(exc, path):
    """Print an uncaught exception as Python would, without this wrapper's and runpy's frames, and exit alike."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != path:
        tb = tb.tb_next
    sys.excepthook(type(exc), exc.with_traceback(tb), tb)
    if isinstance(exc, KeyboardInterrupt):
        # Python exits by SIGINT after an uncaught KeyboardInterrupt, once its atexit hooks have run.
        import signal

        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    sys.exit(1)


_main()
