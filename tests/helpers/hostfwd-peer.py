#!/usr/bin/env python3
"""The host's side of servers in the guest, reached through QEMU's
hostfwd (the guest's port forwarded to 127.0.0.1:PORT on the namespace's
loopback). QEMU accepts on the host side before the guest listens, so
each step first waits until the guest's console log (LOG) shows MARKER
(printed once the guest's server was started).

    hostfwd-peer.py LOG OUT STEP...   STEP = MODE:MARKER:PORT[:SIZE]

    echo    send SIZE random bytes, end the sending side (FIN), read back
            everything until the guest closes: OUT.echo (the bytes) and
            OUT.echo.sha256 (what was sent)
    send    send SIZE random bytes, end the sending side, wait for the
            guest's end: OUT.send.sha256
    recv    read until the guest ends: OUT.recv
Each step writes OUT.MODE.seconds: from connecting until the guest's end.
Errors go to stderr and OUT.MODE.error.
"""
import hashlib
import os
import re
import socket
import sys
import threading
import time


def wait_marker(log, marker, timeout=600):
    pattern = re.compile(marker, re.M)
    end = time.time() + timeout
    while time.time() < end:
        try:
            with open(log, "rb") as f:
                if pattern.search(f.read().decode("latin-1").replace("\r", "")):
                    return
        except FileNotFoundError:
            pass
        time.sleep(0.3)
    raise TimeoutError("no %r in %s" % (marker, log))


def read_all(c, f):
    while True:
        b = c.recv(65536)
        if not b:
            return
        f.write(b)


def step(out, mode, port, size):
    data = os.urandom(size)
    c = socket.create_connection(("127.0.0.1", port), timeout=300)
    start = time.time()
    if mode in ("echo", "send"):
        with open("%s.%s.sha256" % (out, mode), "w") as f:
            f.write(hashlib.sha256(data).hexdigest() + "\n")

        def sender():
            c.sendall(data)
            c.shutdown(socket.SHUT_WR)

        t = threading.Thread(target=sender)
        t.start()
        with open("%s.%s" % (out, mode), "wb") as f:
            read_all(c, f)
        t.join()
    else:
        with open("%s.%s" % (out, mode), "wb") as f:
            read_all(c, f)
    seconds = time.time() - start
    c.close()
    with open("%s.%s.seconds" % (out, mode), "w") as f:
        f.write("%.2f\n" % seconds)


def main():
    log, out = sys.argv[1], sys.argv[2]
    for spec in sys.argv[3:]:
        parts = spec.split(":")
        mode, marker, port = parts[0], parts[1], int(parts[2])
        size = int(parts[3]) if len(parts) > 3 else 0
        try:
            wait_marker(log, marker)
            step(out, mode, port, size)
        except Exception as e:  # one line per failed step, then go on
            msg = "hostfwd-peer: %s on port %d: %s" % (mode, port, e)
            print(msg, file=sys.stderr)
            with open("%s.%s.error" % (out, mode), "w") as f:
                f.write(msg + "\n")


if __name__ == "__main__":
    main()
