# Build configuration: what to build, for which machine, and where.
#
#   ARCH              target architecture (x86_64)
#   CONFIG_NAME       a TOML file in config/ (config/$ARCH/ wins over config/)
#   FILESYSTEM_CONFIG that file's path, resolved from CONFIG_NAME
#   BUILD             where this config's images go
#   PODMAN_BUILD      1: build inside the toolchain container (see mk/podman.mk)
#   V=1               print whole commands instead of short progress lines
#
# An optional .config (written by podman_bootstrap.sh) sets defaults.

-include .config

ARCH ?= x86_64
# `server` is the default: the richest config whose packages all exist
# (the desktop packages do not yet); see docs/configs.md.
CONFIG_NAME ?= server
PODMAN_BUILD ?= 0
V ?= 0

ifneq ($(wildcard config/$(ARCH)/$(CONFIG_NAME).toml),)
FILESYSTEM_CONFIG ?= config/$(ARCH)/$(CONFIG_NAME).toml
else
FILESYSTEM_CONFIG ?= config/$(CONFIG_NAME).toml
endif

# Goals that need no config: they must work even with a bad CONFIG_NAME.
CONFIG_FREE_GOALS := clean distclean help toolchain-info container_clean container_shell \
	podman-image host-test format format-check kernel bootloader sysroot \
	host-test-redoxfs redoxfs-tools installer host-test-installer host-test-toml host-test-relibc \
	host-test-path host-test-format fuzz-toml cookbook host-test-cookbook r.% c.% f.% u.%
ifneq ($(filter-out $(CONFIG_FREE_GOALS),$(or $(MAKECMDGOALS),all)),)
ifeq ($(wildcard $(FILESYSTEM_CONFIG)),)
CONFIGS_AVAILABLE := $(sort $(basename $(notdir $(wildcard config/*.toml config/$(ARCH)/*.toml))))
$(error CONFIG_NAME=$(CONFIG_NAME): no such config ($(FILESYSTEM_CONFIG) does not exist); configs: $(CONFIGS_AVAILABLE))
endif
endif

ROOT := $(CURDIR)
BUILD ?= build/$(ARCH)/$(CONFIG_NAME)
# Things every config shares (kernel, bootloader, libc) and host tools.
ARCH_BUILD := build/$(ARCH)
HOST_BUILD := build/host

ifeq ($(V),1)
Q :=
progress = @true
else
Q := @
# $(call progress,TAG,what): a short line such as "  CC  kernel/main.c"
progress = @printf '  %-6s %s\n' '$(1)' '$(2)'
endif

export ARCH CONFIG_NAME FILESYSTEM_CONFIG BUILD
