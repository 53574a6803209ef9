#!/usr/bin/env python3
"""One TCP peer for the network tests, on the namespace's loopback (the
guest reaches it as 10.0.2.2:PORT through QEMU's user network).

    tcp-peer.py PORT OUT          accept one connection, send a greeting
                                  line, save everything received until the
                                  end in OUT (the seconds from its first to
                                  its last byte in OUT.seconds)
    tcp-peer.py PORT OUT SIZE     the same, but send SIZE random bytes
                                  (their SHA-256 goes to OUT.sha256) and
                                  end the sending side; OUT.seconds: from
                                  the first byte sent until the peer's end
                                  (it closes once it has read everything)
    --bind ADDR                   listen on ADDR instead of 127.0.0.1
    --connect ADDR                connect to ADDR:PORT instead of listening,
                                  again every second while it is refused or
                                  unanswered (up to 20 minutes)
"""
import hashlib
import os
import socket
import sys
import threading
import time


def connect(addr, port):
    deadline = time.time() + 1200
    while True:
        c = socket.socket()
        c.settimeout(5)
        try:
            c.connect((addr, port))
            c.settimeout(None)
            return c
        except OSError:
            c.close()
            if time.time() > deadline:
                raise
            time.sleep(1)


def main():
    args = sys.argv[1:]
    host, peer = "127.0.0.1", None
    while args and args[0] in ("--bind", "--connect"):
        if args[0] == "--bind":
            host = args[1]
        else:
            peer = args[1]
        args = args[2:]
    port, out = int(args[0]), args[1]
    size = int(args[2]) if len(args) > 2 else 0
    if peer:
        c = connect(peer, port)
    else:
        ls = socket.socket()
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind((host, port))
        ls.listen(1)
        c, _ = ls.accept()
    data = os.urandom(size)
    with open(out + ".sha256", "w") as f:
        f.write(hashlib.sha256(data).hexdigest() + "\n")

    start = time.time()

    def send():
        if size:
            c.sendall(data)
            c.shutdown(socket.SHUT_WR)
        else:
            c.sendall(b"greetings from the host\n")

    t = threading.Thread(target=send)
    t.start()
    first = last = None
    with open(out, "wb") as f:
        while True:
            b = c.recv(65536)
            if not b:
                break
            last = time.time()
            first = first or last
            f.write(b)
    t.join()
    if size or first:
        with open(out + ".seconds", "w") as f:
            f.write("%.2f\n" % (time.time() - start if size else last - first))
    c.close()


if __name__ == "__main__":
    main()
