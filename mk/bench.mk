# Benchmarks against Linux in the same QEMU (docs/PERFORMANCE.md).
# Numbers, not pass/fail: tests/bats/bench.bats only checks that the
# benchmark runs and its output parses.
#
#   make bench         bench/run.sh: boot milestones, in-guest
#                      micro-benchmarks, storage (bench/storage.sh: boot
#                      with a 64 MiB and a 1 GiB filesystem, sequential
#                      MiB/s, 100 000 files in one directory), memory, sizes
#                      and build times of ours and of a Linux reference
#                      assembled from Debian's packages (bench/linux-ref/);
#                      the table goes to docs/PERFORMANCE.md. BENCH_RUNS=N
#                      boots (default 3).
#   make bench-build   only the clean and no-op build times
#   make bench-firmware the four boots: harddrive.img and livedisk.iso, each
#                      with SeaBIOS and with OVMF (UEFI)

MICROBENCH_IMG := $(TEST_IMAGES_DIR)/microbench.img

# the BATS test of the benchmark boots it too
test-images: $(MICROBENCH_IMG)

bench: $(HARDDRIVE) $(MICROBENCH_IMG) $(TEST_IMAGES_DIR)/storage-test.img \
		$(TEST_IMAGES_DIR)/manyfiles-test.img
	$(Q)BUILD=$(BUILD) MICROBENCH_IMG=$(MICROBENCH_IMG) TEST_IMAGES_DIR=$(TEST_IMAGES_DIR) \
		bench/run.sh
.PHONY: bench bench-build bench-firmware

FIRMWARE_MILESTONES := \
	'bootloader=^Redox OS Bootloader' \
	'kernel first line=^kernel::start:INFO -- Redox OS starting' \
	'SYS_HELLOWORLD=^SYS_HELLOWORLD: Hello, world!'

bench-firmware: $(HARDDRIVE) $(LIVEDISK)
	$(Q)for media in $(HARDDRIVE) $(LIVEDISK); do for uefi in no yes; do \
		echo "bench: $$media, $$( [ $$uefi = yes ] && echo OVMF || echo SeaBIOS)"; \
		UEFI=$$uefi bench/boot.sh --until 'SYS_HELLOWORLD: Hello' $$media $(FIRMWARE_MILESTONES) \
		|| exit 1; done; done

bench-build:
	$(Q)bench/build.sh
