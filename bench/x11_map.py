"""A private X server (Xvfb) and a watcher of the first top-level window mapped on it.

The watcher listens on the root window for MapNotify (SubstructureNotifyMask) through
libX11 by ctypes, so no Python package is needed and the moment is the server's own event,
not a poll (``xdotool search --sync`` polls every half second).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
import subprocess
import time

MAP_NOTIFY = 19
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19


class _MapEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("event", ctypes.c_ulong), ("window", ctypes.c_ulong),
                ("override_redirect", ctypes.c_int)]


class _Event(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("map", _MapEvent), ("pad", ctypes.c_long * 24)]


def _xlib():
    lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
    lib.XConnectionNumber.argtypes = [ctypes.c_void_p]
    lib.XPending.argtypes = [ctypes.c_void_p]
    lib.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_Event)]
    lib.XFlush.argtypes = [ctypes.c_void_p]
    lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.XInternAtom.restype = ctypes.c_ulong
    lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lib.XGetWindowProperty.argtypes = [
        ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
        ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
    lib.XFree.argtypes = [ctypes.c_void_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return lib


class Xvfb:
    """``with Xvfb("1366x768") as display:`` a server on a free display number."""

    def __init__(self, size: str = "1366x768"):
        self.size = size
        self.proc = None
        self.display = None

    def __enter__(self) -> str:
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{self.size}x24",
             "-nolisten", "tcp", "-noreset"], pass_fds=(write,),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        number = b""
        while not number.endswith(b"\n"):   # Xvfb writes the number once it accepts clients
            chunk = os.read(read, 16)
            if not chunk:
                raise RuntimeError("Xvfb non si è avviato")
            number += chunk
        os.close(read)
        self.display = f":{number.decode().strip()}"
        return self.display

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        self.proc.wait(10)


class MapWatcher:
    """Connected before the program starts; ``wait()`` returns the time of the first
    MapNotify of a top-level, non override-redirect window, and the window's title."""

    def __init__(self, display: str):
        self.x = _xlib()
        self.dpy = self.x.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"display {display} non raggiungibile")
        self.x.XSelectInput(self.dpy, self.x.XDefaultRootWindow(self.dpy),
                            SUBSTRUCTURE_NOTIFY_MASK)
        self.x.XSync(self.dpy, 0)   # the selection is in force before the program starts

    def wait(self, timeout: float = 30.0, alive=lambda: True) -> tuple[float, str]:
        """``alive()`` false (the program exited) ends the wait early."""
        fd, event = self.x.XConnectionNumber(self.dpy), _Event()
        deadline = time.monotonic() + timeout
        while True:
            while self.x.XPending(self.dpy):
                self.x.XNextEvent(self.dpy, ctypes.byref(event))
                if event.type == MAP_NOTIFY and not event.map.override_redirect:
                    return time.perf_counter(), self._title(event.map.window)
            left = deadline - time.monotonic()
            if left <= 0 or not alive():
                raise TimeoutError("nessuna finestra mostrata")
            select.select([fd], [], [], min(left, 0.1))   # an X event wakes it at once

    def _title(self, window: int) -> str:
        """_NET_WM_NAME (UTF-8), the title Qt sets before mapping."""
        x, dpy = self.x, self.dpy
        atom = x.XInternAtom(dpy, b"_NET_WM_NAME", 0)
        kind, fmt, count, after = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_ulong(), \
            ctypes.c_ulong()
        data = ctypes.c_void_p()
        if x.XGetWindowProperty(dpy, window, atom, 0, 1024, 0, 0, ctypes.byref(kind),
                                ctypes.byref(fmt), ctypes.byref(count), ctypes.byref(after),
                                ctypes.byref(data)) != 0 or not data.value:
            return ""
        text = ctypes.string_at(data.value, count.value).decode("utf-8", "replace")
        x.XFree(data)
        return text

    def close(self) -> None:
        self.x.XCloseDisplay(self.dpy)
