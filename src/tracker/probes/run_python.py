"""memlint tracker wrapper: `python run_python.py SCRIPT [ARGS...]` runs SCRIPT as __main__, as `python SCRIPT` would.

It adds two probes:
- a sampler thread that, every MEMLINT_STACK_INTERVAL seconds, writes the main thread's innermost frame of the
  user's own code, with the time, VmRSS and VmHWM, to the pipe on fd MEMLINT_STACK_FD. It holds the GIL while it looks, so it never
  reads a frame being torn down (faulthandler's GIL-less watchdog does, and crashed CPython 3.11 with SIGSEGV in our
  tests). A long C call that releases the GIL (file I/O) is sampled while it runs; one that holds it (decoding in a
  text f.read(), json.loads) returns inside its CALL instruction, where the GIL is first given up, so the next
  sample still shows the line of that call. Only an operator that holds the GIL for long (b"x" * n, big + big) is
  seen at the next line that calls a function or loops.
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
    interval = float(os.environ.pop("MEMLINT_STACK_INTERVAL", "0.01"))

    atexit.register(_at_exit)  # registered first, so it runs after the script's own atexit hooks
    if fd is not None:
        skip = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, os.path.dirname(os.path.abspath(__file__))]
        try:
            skip += site.getsitepackages() + [site.getusersitepackages()]
        except AttributeError:  # virtualenv's old site.py
            pass
        _start_sampler(int(fd), interval, path, skip)

    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(path)
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit:
        raise
    except BaseException as exc:
        _report(exc, path)


_sampling = [False]


def _start_sampler(fd, interval, script, skip):
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
    read_status, send = _syscalls_holding_gil(status, fd)

    def memory():
        """(VmRSS, VmHWM) in KiB, read at the sample."""
        try:
            text = read_status()
            rss, hwm = text.find(b"\nVmRSS:"), text.find(b"\nVmHWM:")
            if rss < 0 or hwm < 0:
                return 0, 0
            return int(text[rss + 7 : text.index(b"k", rss)]), int(text[hwm + 7 : text.index(b"k", hwm)])
        except (OSError, ValueError):
            return 0, 0

    long_wait = max(50.0, 20 * sys.getswitchinterval() * 1000.0)  # ms

    def sample():
        # Every sample makes the main thread hand the GIL over and wait until this thread has run, which on a busy
        # machine can take a while. So it samples often only while memory rises (the only time a sample can place
        # the peak) and ten times less often while VmHWM stays where it was.
        delay, last_hwm = interval, 0
        while _sampling[0]:
            if delay:
                sleep(delay)
            f = frames().get(main)
            t = monotonic() * 1000.0
            while f is not None and not is_user(f.f_code.co_filename):
                f = f.f_back
            where = "0\t\t" if f is None else "%d\t%s\t%s" % (f.f_lineno or 0, clean(f.f_code.co_name), clean(f.f_code.co_filename))
            # Let go of the frame before anything can release the GIL: a frame object keeps its locals alive, and
            # a function returning meanwhile would keep its memory, the very thing measured.
            f = None
            rss, hwm = memory()
            try:
                send(("%.3f\t%d\t%d\t%s\n" % (t, rss, hwm, where)).encode("utf-8", "surrogateescape"))
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
        try:
            os.close(fd)
        except OSError:
            pass

    if hasattr(os, "register_at_fork"):  # Python 3.7+
        os.register_at_fork(after_in_child=in_child)
    _sampling[0] = True
    _thread.start_new_thread(sample, ())  # a bare thread: invisible to threading.enumerate()


def _syscalls_holding_gil(status, fd):
    """pread(status) and write(fd) that keep the GIL: each os.read/os.write gives it up, and getting it back from a
    busy main thread costs a forced thread switch every time. ctypes.PyDLL calls into libc without releasing it."""
    try:
        import ctypes

        libc = ctypes.PyDLL(None, use_errno=True)
        pread, write = libc.pread, libc.write
        pread.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_long]
        pread.restype = ctypes.c_ssize_t
        write.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t]
        write.restype = ctypes.c_ssize_t
        buf = ctypes.create_string_buffer(8192)
    except (ImportError, OSError, AttributeError):
        return (lambda: os.pread(status, 8192, 0)), (lambda data: os.write(fd, data))

    def read_status():
        n = pread(status, buf, 8192, 0)
        if n < 0:
            raise OSError(ctypes.get_errno(), "pread")
        return buf.raw[:n]

    def send(data):
        if write(fd, data, len(data)) < 0:
            err = ctypes.get_errno()
            raise BlockingIOError(err, "write") if err in (11, 35) else OSError(err, "write")  # EAGAIN

    return read_status, send


def _at_exit():
    _sampling[0] = False
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
