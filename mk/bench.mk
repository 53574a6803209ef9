# Benchmarks against Linux in the same QEMU (docs/PERFORMANCE.md).
# Numbers, not pass/fail: tests/bats/bench.bats only checks that the
# benchmark runs and its output parses.
#
#   make bench         bench/run.sh: boot milestones, in-guest
#                      micro-benchmarks, memory, sizes and build times of
#                      ours and of a Linux reference assembled from Debian's
#                      packages (bench/linux-ref/); the table goes to
#                      docs/PERFORMANCE.md. BENCH_RUNS=N boots (default 3).
#   make bench-build   only the clean and no-op build times

MICROBENCH_IMG := $(TEST_IMAGES_DIR)/microbench.img

# the BATS test of the benchmark boots it too
test-images: $(MICROBENCH_IMG)

bench: $(HARDDRIVE) $(MICROBENCH_IMG)
	$(Q)BUILD=$(BUILD) MICROBENCH_IMG=$(MICROBENCH_IMG) bench/run.sh
.PHONY: bench bench-build

bench-build:
	$(Q)bench/build.sh
