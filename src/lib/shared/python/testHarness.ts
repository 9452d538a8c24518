/**
 * Python that runs a problem's test file against the candidate's buffer, inside Pyodide: the
 * same code in the browser worker ("Run tests") and in the problem checks under Node.
 * The buffer becomes the module `solution` (tests do `from solution import *`); each top-level
 * `test_*` function runs in definition order with its output captured and capped. A test file's
 * own exceptions are errors, not a crash; sys.exit() is an error of that test; an interrupt
 * (Stop, time limit) marks the running test and skips the rest.
 */
export const TEST_MODULE_DIR = '/home/pyodide/pairboard';

export const TEST_HARNESS_PY = String.raw`
import importlib as _importlib, io as _io, json as _json, os as _os, sys as _sys, time as _time, traceback as _tb

_PB_DIR = ${JSON.stringify(TEST_MODULE_DIR)}
_PB_NS = "__pairboard_tests__"
_PB_OUTPUT_CAP = 8192
_sys.dont_write_bytecode = True
_os.makedirs(_PB_DIR, exist_ok=True)


class _PbCapped(_io.TextIOBase):
    def __init__(self):
        self.parts, self.size, self.cut = [], 0, False
    def writable(self):
        return True
    def write(self, s):
        if self.size < _PB_OUTPUT_CAP:
            keep = s[: _PB_OUTPUT_CAP - self.size]
            self.parts.append(keep)
            self.size += len(keep)
        if self.size >= _PB_OUTPUT_CAP and len(s):
            self.cut = True
        return len(s)
    def text(self):
        return "".join(self.parts) + ("\n… output cut" if self.cut else "")


def _pb_where(e, files):
    """The innermost frame in the test file or the candidate's code, as ' (file, line N)'."""
    tb, line = e.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in files:
            line = (_os.path.basename(tb.tb_frame.f_code.co_filename), tb.tb_lineno)
        tb = tb.tb_next
    return f" ({line[0]}, line {line[1]})" if line else ""


def _pb_describe(e, files):
    return (f"{type(e).__name__}: {e}" if str(e) else type(e).__name__) + _pb_where(e, files)


def _pb_run_tests(module_src, test_src, test_filename):
    t_all = _time.perf_counter()
    with open(_PB_DIR + "/solution.py", "w") as f:
        f.write(module_src)
    if _PB_DIR not in _sys.path:
        _sys.path.insert(0, _PB_DIR)
    _sys.modules.pop("solution", None)
    _importlib.invalidate_caches()
    files = {_PB_DIR + "/solution.py", test_filename}
    out, err = _sys.stdout, _sys.stderr
    report = {"tests": [], "loadError": None}
    capture = _PbCapped()
    ns = {"__name__": _PB_NS, "__file__": test_filename}
    try:
        _sys.stdout = _sys.stderr = capture
        exec(compile(test_src, test_filename, "exec"), ns)
    except KeyboardInterrupt:
        report["loadError"] = "Stopped while loading the tests"
        report["interrupted"] = True
    except BaseException as e:
        report["loadError"] = _pb_describe(e, files)
    finally:
        _sys.stdout, _sys.stderr = out, err
    if report["loadError"] is None:
        tests = [(n, f) for n, f in list(ns.items()) if n.startswith("test_") and callable(f) and getattr(f, "__module__", None) == _PB_NS]
        interrupted = False
        for name, fn in tests:
            if interrupted:
                report["tests"].append({"name": name, "status": "skipped", "message": "not run: stopped", "durationMs": 0, "output": ""})
                continue
            capture = _PbCapped()
            t0 = _time.perf_counter()
            status, message = "pass", ""
            try:
                _sys.stdout = _sys.stderr = capture
                fn()
            except AssertionError as e:
                status, message = "fail", (str(e) or "assertion failed") + _pb_where(e, files)
            except KeyboardInterrupt:
                status, message, interrupted = "error", "stopped (Stop or time limit)", True
            except SystemExit as e:
                status, message = "error", f"called sys.exit({e.code!r})"
            except MemoryError:
                status, message = "error", "MemoryError: out of memory"
            except BaseException as e:
                status, message = "error", _pb_describe(e, files)
            finally:
                _sys.stdout, _sys.stderr = out, err
            report["tests"].append({"name": name, "status": status, "message": message[:1000], "durationMs": round((_time.perf_counter() - t0) * 1000, 2), "output": capture.text()})
        report["interrupted"] = interrupted
    counts = {k: sum(1 for t in report["tests"] if t["status"] == k) for k in ("pass", "fail", "error", "skipped")}
    report["summary"] = {"passed": counts["pass"], "failed": counts["fail"], "errors": counts["error"] + (1 if report["loadError"] else 0), "skipped": counts["skipped"], "total": len(report["tests"]), "durationMs": round((_time.perf_counter() - t_all) * 1000, 2)}
    return _json.dumps(report)
`;
