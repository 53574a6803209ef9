# Booting images in QEMU, through tests/helpers/qemu.sh (the one place the
# seed's QEMU line is written). It always runs QEMU inside a network
# namespace holding only loopback.
#
# Knobs: kvm=yes|no|auto (auto: KVM only when a probe guest runs under it,
# tests/helpers/accel.sh; exported as KVM, so make test and make bench obey
# it too), gpu=yes|no
# (no: no display; the default when there is no DISPLAY), gdb=yes (-s -S),
# disk=ata|nvme, uefi=yes|no (OVMF instead of SeaBIOS), QEMU_SMP, QEMU_MEM.

kvm ?= auto
gpu ?= $(if $(DISPLAY),yes,no)
gdb ?= no
disk ?= ata
uefi ?= no
export KVM := $(kvm)
QEMU_ENV = GPU=$(gpu) GDB=$(gdb) DISK=$(disk) UEFI=$(uefi)

qemu: $(HARDDRIVE)
	$(call progress,QEMU,$(HARDDRIVE))
	$(Q)$(QEMU_ENV) tests/helpers/qemu.sh run $(HARDDRIVE)

qemu-live: $(LIVEDISK)
	$(call progress,QEMU,$(LIVEDISK))
	$(Q)$(QEMU_ENV) tests/helpers/qemu.sh live $(LIVEDISK)

.PHONY: qemu qemu-live

# The KVM-or-TCG decision itself, against fake QEMUs.
host-test-accel:
	$(call progress,TEST,tests/host/accel/accel_test.sh)
	$(Q)bash tests/host/accel/accel_test.sh
.PHONY: host-test-accel
HOST_TESTS += host-test-accel
