/**
 * Python that runs the candidate's buffer inside Pyodide (browser worker, and Node for the
 * problem checks). Fresh globals per run; tracebacks keep only the candidate's own frames,
 * so line numbers are those of the editor.
 */
export const USER_FILENAME = 'main.py';

export const HARNESS_PY = String.raw`
import sys as _sys, traceback as _traceback, json as _json, linecache as _linecache

def _pb_frames_from(tb, filename):
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    return tb

def _pb_run(src, filename):
    g = {"__name__": "__main__", "__file__": filename, "__builtins__": __builtins__}
    # The buffer is not a file: without this entry tracebacks would show no source lines.
    # An mtime of None keeps linecache.checkcache from dropping it.
    _linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)
    try:
        try:
            code = compile(src, filename, "exec")
        except SyntaxError as e:
            _traceback.print_exception(type(e), e, None)
            return _json.dumps({"outcome": "error", "message": f"{type(e).__name__}: {e.msg} (line {e.lineno})"})
        try:
            exec(code, g)
        except SystemExit as e:
            status = e.code
            if status is None or status == 0:
                return _json.dumps({"outcome": "ok", "message": "exited with sys.exit()"})
            return _json.dumps({"outcome": "error", "message": f"exited with status {status}"})
        except KeyboardInterrupt:
            return _json.dumps({"outcome": "stopped"})
        except MemoryError:
            g.clear()
            return _json.dumps({"outcome": "out-of-memory", "message": "MemoryError: the program ran out of memory"})
        except BaseException as e:
            _traceback.print_exception(type(e), e, _pb_frames_from(e.__traceback__, filename))
            line = None
            tb = _pb_frames_from(e.__traceback__, filename)
            while tb is not None:
                if tb.tb_frame.f_code.co_filename == filename:
                    line = tb.tb_lineno
                tb = tb.tb_next
            where = f" (line {line})" if line else ""
            return _json.dumps({"outcome": "error", "message": f"{type(e).__name__}: {e}{where}"[:500]})
        return _json.dumps({"outcome": "ok"})
    finally:
        g.clear()
        try:
            _sys.stdout.flush()
            _sys.stderr.flush()
        except Exception:
            pass
`;
