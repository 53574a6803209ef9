# The build's front door. All rules live in mk/*.mk, one file per part of
# the system; this file only decides which of them apply.
#
#   PODMAN_BUILD=1 (written into .config by podman_bootstrap.sh): every goal
#   is re-run as `make GOAL PODMAN_BUILD=0` inside the toolchain container.
#   PODMAN_BUILD=0: goals run here, with the host's tools.

include mk/config.mk

ifeq ($(PODMAN_BUILD),1)
include mk/podman.mk
else
include mk/toolchain.mk
include $(wildcard mk/common.mk mk/redoxfs.mk mk/installer.mk mk/relibc.mk mk/sysroot.mk)
include $(wildcard mk/bootloader.mk mk/kernel.mk mk/programs.mk mk/initfs.mk mk/disk.mk)
include $(wildcard mk/net.mk mk/qemu.mk mk/tests.mk mk/tests-ports.mk mk/sqlite3-host.mk mk/bench.mk mk/ci.mk mk/podman-native.mk)
endif
