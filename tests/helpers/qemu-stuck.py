#!/usr/bin/env python3
"""Where a guest that timed out is: every CPU's registers, through QEMU's
monitor socket, sampled a few times.

    qemu-stuck.py MONITOR_SOCKET DUMP_FILE [KERNEL_ELF]

Writes the full `info registers -a` samples to DUMP_FILE and prints one
line per CPU: its RIP in each sample, with the kernel function when
KERNEL_ELF is given ("user" for CPL 3), and "(hlt)" when it was halted.
A kernel RIP that stays in one function of a CPU that is not halted is a
spin; every CPU halted means nothing was runnable (all blocked: waiting
for input, or a lost wakeup); moving user RIPs, a busy process.
"""
import re
import shutil
import socket
import subprocess
import sys
import time

SAMPLES = 3


def command(sock, text):
    """The reply to one command: all that arrives until the prompt is back
    and the monitor has been quiet for a moment."""
    sock.sendall((text + "\n").encode())
    out = b""
    deadline = time.time() + 10
    sock.settimeout(0.3)
    while time.time() < deadline:
        try:
            chunk = sock.recv(1 << 16)
            if not chunk:
                break
            out += chunk
        except socket.timeout:
            if out.rstrip().endswith(b"(qemu)"):
                break
    return out.decode(errors="replace")


def symbolize(elf, addresses):
    """address -> "inner<outer" (the inlined functions, innermost first)."""
    tool = shutil.which("llvm-addr2line") or shutil.which("addr2line")
    if not elf or not tool:
        return {}
    names = {}
    for a in addresses:
        try:
            out = subprocess.run([tool, "-f", "-i", "-e", elf, hex(a)], capture_output=True,
                                 text=True, timeout=20).stdout.split("\n")
        except (OSError, subprocess.SubprocessError):
            return names
        names[a] = "<".join(out[0:len(out) - 1:2][:4])
    return names


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    path, dump = sys.argv[1], sys.argv[2]
    elf = sys.argv[3] if len(sys.argv) > 3 else None
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.connect(path)
    except OSError as e:
        print(f"qemu-stuck: {path}: {e}", file=sys.stderr)
        return 1
    command(sock, "")  # the banner
    samples = []  # per sample: {cpu: (rip, cpl, halted)}
    with open(dump, "w") as f:
        for n in range(SAMPLES):
            # stopped, TCG's registers are exact (running, RIP lags behind)
            command(sock, "stop")
            regs = command(sock, "info registers -a")
            command(sock, "cont")
            f.write(f"=== sample {n + 1}\n{regs}\n")
            sample = {}
            for block in re.split(r"\n(?=CPU#)", regs):
                m = re.match(r"CPU#(\d+)", block.strip())
                rip = re.search(r"\b[RE]IP=([0-9a-f]+)", block)
                state = re.search(r"CPL=(\d).*HLT=(\d)", block)
                if m and rip and state:
                    sample[int(m.group(1))] = (int(rip.group(1), 16), int(state.group(1)),
                                               state.group(2) == "1")
            samples.append(sample)
            time.sleep(0.5)
    # a halted CPU's RIP is past its hlt, maybe past the function's end
    kernel_rips = sorted({rip - h for s in samples for rip, cpl, h in s.values() if cpl == 0})
    names = symbolize(elf, kernel_rips)
    for cpu in sorted({c for s in samples for c in s}):
        seen = []
        for s in samples:
            if cpu in s:
                rip, cpl, halted = s[cpu]
                where = names.get(rip - halted, "?") if cpl == 0 else "user"
                seen.append(f"{rip:x} {where}{' (hlt)' if halted else ''}")
        print(f"qemu-stuck: CPU{cpu}: " + ", ".join(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
