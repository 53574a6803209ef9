# Benchmarks (make bench): boot time under QEMU, image and binary sizes.
# Numbers, not pass/fail: they go into closing notes and docs.
#
#   make bench         boot milestones of the default image and the kernel
#                      test image (null syscall cost), storage (boot with a
#                      64 MiB and a 1 GiB filesystem, sequential MiB/s,
#                      100 000 files in one directory: bench/storage.sh), sizes
#   make bench-build   a clean `make all` and a no-op one, timed
#   make bench-firmware the four boots: harddrive.img and livedisk.iso, each
#                      with SeaBIOS and with OVMF (UEFI)

BOOT_MILESTONES := \
	'bootloader=^Redox OS Bootloader' \
	'kernel first line=^kernel::start:INFO -- Redox OS starting' \
	'CPUs online=CPUs online' \
	'init started=started initfs:bin/init' \
	'SYS_HELLOWORLD=SYS_HELLOWORLD: Hello, world!' \
	'login prompt=redox login: '

bench: $(HARDDRIVE) $(TEST_IMAGES_DIR)/kernel-test.img $(TEST_IMAGES_DIR)/storage-test.img \
		$(TEST_IMAGES_DIR)/manyfiles-test.img
	$(Q)tests/helpers/accel.sh >/dev/null # says which accelerator, probes once
	@echo "bench: image $(HARDDRIVE)"
	$(Q)bench/boot.sh $(HARDDRIVE) 'redox login: ' $(BOOT_MILESTONES)
	@echo "bench: image $(TEST_IMAGES_DIR)/kernel-test.img"
	$(Q)bench/boot.sh $(TEST_IMAGES_DIR)/kernel-test.img 'kernel-test: done' $(BOOT_MILESTONES) \
		'kernel-test done=^kernel-test: done'
	$(Q)bench/storage.sh $(TEST_IMAGES_DIR)
	$(Q)bench/sizes.sh $(HARDDRIVE) $(KERNEL) $(BUILD)/initfs.img $(PROGRAMS_OUT)/helloworld
.PHONY: bench bench-build bench-firmware

FIRMWARE_MILESTONES := \
	'bootloader=^Redox OS Bootloader' \
	'kernel first line=^kernel::start:INFO -- Redox OS starting' \
	'SYS_HELLOWORLD=^SYS_HELLOWORLD: Hello, world!'

bench-firmware: $(HARDDRIVE) $(LIVEDISK)
	$(Q)for media in $(HARDDRIVE) $(LIVEDISK); do for uefi in no yes; do \
		echo "bench: $$media, $$( [ $$uefi = yes ] && echo OVMF || echo SeaBIOS)"; \
		UEFI=$$uefi bench/boot.sh $$media 'SYS_HELLOWORLD: Hello' $(FIRMWARE_MILESTONES) \
		|| exit 1; done; done

bench-build:
	$(Q)bench/build.sh
