#!/usr/bin/env python3
"""A tiny DNS responder for the network tests, on the namespace's loopback
(QEMU's user network forwards the guest's queries to 10.0.2.2:53 here).

    dns-responder.py PORT NAME=ADDR...   answer A queries for NAME with ADDR,
                                         NXDOMAIN for anything else; one
                                         line per query to stdout
"""
import socket
import struct
import sys


def main():
    port = int(sys.argv[1])
    table = dict(arg.lower().split("=", 1) for arg in sys.argv[2:])
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    while True:
        msg, peer = s.recvfrom(1500)
        if len(msg) < 12:
            continue
        qid, _flags, qd = struct.unpack(">HHH", msg[:6])
        i, labels = 12, []
        while i < len(msg) and msg[i]:
            labels.append(msg[i + 1:i + 1 + msg[i]].decode(errors="replace"))
            i += 1 + msg[i]
        question = msg[12:i + 5]
        name = ".".join(labels).lower()
        addr = table.get(name)
        flags = 0x8180 if addr else 0x8183
        reply = struct.pack(">HHHHHH", qid, flags, 1, 1 if addr else 0, 0, 0) + question
        if addr:
            reply += struct.pack(">HHHIH", 0xC00C, 1, 1, 60, 4) + socket.inet_aton(addr)
        s.sendto(reply, peer)
        print("dns-responder: %s -> %s" % (name, addr or "NXDOMAIN"), flush=True)


if __name__ == "__main__":
    main()
