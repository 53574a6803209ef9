# Compilers and flags for the three kinds of code the tree builds:
#   kernel + bootloader: freestanding x86_64, no FPU/SSE, no red zone
#   target user programs: x86_64-unknown-redox against relibc-c (mk/relibc.mk)
#   host tools and host tests: the machine's cc, with sanitizers for tests

CLANG ?= clang
LLD ?= ld.lld
NASM ?= nasm
OBJCOPY ?= llvm-objcopy
AR_TARGET ?= llvm-ar
HOSTCC ?= cc

WARNINGS := -Wall -Wextra -Werror
ABI_INCLUDE := -I$(ROOT)/abi/include

# Freestanding code: the kernel and the bootloader's C part.
FREESTANDING_CFLAGS := -target x86_64-unknown-none -std=gnu11 $(WARNINGS) -ffreestanding \
	-fno-builtin -nostdlib -fno-stack-protector -fno-pic -mno-red-zone -mno-mmx -mno-sse \
	-mno-sse2 -mno-80387 -fno-omit-frame-pointer -g -O2 -MMD -MP \
	$(ABI_INCLUDE) -I$(ROOT)/common

HOST_CFLAGS := -std=gnu11 $(WARNINGS) -O2 -g -MMD -MP $(ABI_INCLUDE)
HOST_TEST_CFLAGS := -std=gnu11 $(WARNINGS) -O1 -g -fsanitize=address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=all -MMD -MP $(ABI_INCLUDE)

# Host test targets register themselves here; `make host-test` runs them all.
HOST_TESTS :=

# The kernel lives in the top 2 GiB: -mcmodel=kernel lets it use 32-bit
# sign-extended addresses.
KERNEL_CFLAGS := $(FREESTANDING_CFLAGS) -mcmodel=kernel
