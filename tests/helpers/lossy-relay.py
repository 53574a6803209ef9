#!/usr/bin/env python3
"""The impairing link of tests/bats/net-loss.bats: carries Ethernet frames
between QEMU's `-netdev dgram` (a Unix datagram socket, one frame per
datagram) and a tap device it creates, and on the way drops some, delays
each and holds some back longer, so they arrive out of order.

    lossy-relay.py SOCKET QEMU_SOCKET TAP SEED [LOSS DELAY_MS REORDER]

SOCKET is the relay's own socket (bound here), QEMU_SOCKET QEMU's
(`local.path=`); TAP the tap device's name. Every frame, each way, is
dropped with probability LOSS (default 0.05); a kept one waits a delay
drawn from 1..DELAY_MS ms (default 20) but leaves no earlier than the
frame ahead of it (a link's delay varies, its order holds), except that
with probability REORDER (default 0.03) it is held DELAY_MS more and the
frames behind it overtake it. The draws come
from one PRNG seeded with SEED, printed first, so a failing run can be
repeated with the same drop pattern (timing still varies). On SIGTERM or
SIGINT it prints, for each direction, the frames forwarded, dropped and
reordered (delivered after a frame that came in later), and the frames
it could not hand on (unsent: QEMU not listening yet, or a full queue),
and exits.
"""
import fcntl
import heapq
import os
import random
import select
import signal
import socket
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000


class Direction:
    def __init__(self, name):
        self.name = name
        self.seq = 0  # frames that came in
        self.forwarded = self.dropped = self.reordered = self.unsent = 0
        self.latest = -1  # the highest arrival number delivered so far
        self.last_due = 0.0  # when the last frame kept in order goes out

    def delivered(self, seq):
        self.forwarded += 1
        if seq < self.latest:
            self.reordered += 1
        else:
            self.latest = seq

    def report(self):
        return "%s: %d frames, %d forwarded, %d dropped, %d reordered, %d unsent" % (
            self.name,
            self.seq,
            self.forwarded,
            self.dropped,
            self.reordered,
            self.unsent,
        )


def open_tap(name):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TAP | IFF_NO_PI))
    os.set_blocking(fd, False)
    return fd


def main():
    if len(sys.argv) not in (5, 8):
        sys.stderr.write(__doc__)
        return 2
    own, qemu, tap_name, seed = sys.argv[1:5]
    loss, delay_ms, reorder = 0.05, 20, 0.03
    if len(sys.argv) == 8:
        loss, delay_ms, reorder = float(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])
    rng = random.Random(int(seed))
    print(
        "lossy-relay: seed %s; loss %.3f, delay 1-%d ms, %.3f held %d ms more"
        % (seed, loss, delay_ms, reorder, delay_ms),
        flush=True,
    )

    tap = open_tap(tap_name)
    if os.path.exists(own):
        os.unlink(own)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(own)
    sock.setblocking(False)
    # QEMU may send bursts faster than we forward them
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)

    to_tap = Direction("guest->tap")
    to_guest = Direction("tap->guest")
    pending = []  # (due, tie-breaker, direction, seq, frame)
    counter = 0
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))

    def arrive(d, frame):
        nonlocal counter
        seq = d.seq
        d.seq += 1
        if rng.random() < loss:
            d.dropped += 1
            return
        due = time.monotonic() + rng.uniform(1, delay_ms) / 1000
        if rng.random() < reorder:
            due += delay_ms / 1000  # frames behind it go first
        else:
            # the link's delay varies, but it keeps its order: not before
            # the frame ahead of it (except a held-back one)
            due = max(due, d.last_due)
            d.last_due = due
        counter += 1
        heapq.heappush(pending, (due, counter, d, seq, frame))

    def send(d, frame):
        try:
            if d is to_tap:
                os.write(tap, frame)
            else:
                sock.sendto(frame, qemu)
        except (BlockingIOError, ConnectionRefusedError, FileNotFoundError):
            # QEMU not up yet, or its queue full: the frame is lost, as on a wire
            d.unsent += 1
            return False
        return True

    while not stop:
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            _, _, d, seq, frame = heapq.heappop(pending)
            if send(d, frame):
                d.delivered(seq)
        timeout = max(0.0, pending[0][0] - now) if pending else 1.0
        try:
            ready, _, _ = select.select([sock, tap], [], [], timeout)
        except InterruptedError:
            continue
        if sock in ready:
            for _ in range(64):
                try:
                    arrive(to_tap, sock.recv(65536))
                except BlockingIOError:
                    break
        if tap in ready:
            for _ in range(64):
                try:
                    arrive(to_guest, os.read(tap, 65536))
                except BlockingIOError:
                    break
    print("lossy-relay: " + to_tap.report(), flush=True)
    print("lossy-relay: " + to_guest.report(), flush=True)
    os.unlink(own)
    return 0


if __name__ == "__main__":
    sys.exit(main())
