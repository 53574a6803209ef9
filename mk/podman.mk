# PODMAN_BUILD=1: the only fragment the top Makefile includes. Every goal is
# re-run inside the toolchain container as `make GOALS PODMAN_BUILD=0`, with
# the user's flags and command-line variables (podman/run.sh takes them from
# MAKEFLAGS). Three goals run here, on the host:
#
#   podman-image     build the toolchain image (done anyway before the first
#                    forwarded goal, and again when Containerfile or
#                    podman/image/ change: the image tag is their hash)
#   container_clean  remove the toolchain images, stale containers and
#                    build/podman/ (PODMAN_CLEAN_BASE=1: also the debootstrap
#                    base image)
#   container_shell  an interactive shell in the container
#
# See docs/podman.md.

PODMAN_HOST_GOALS := podman-image container_clean container_shell
PODMAN_GOALS := $(or $(MAKECMDGOALS),all)
PODMAN_FORWARD_GOALS := $(filter-out $(PODMAN_HOST_GOALS),$(PODMAN_GOALS))

# Build variables set in the environment rather than on the command line
# (CONFIG_NAME=x make all) go in too; command-line ones travel in MAKEFLAGS.
PODMAN_ENV_VARS ?= ARCH CONFIG_NAME FILESYSTEM_CONFIG BUILD V kvm gpu gdb disk serial CI
PODMAN_ENV_PASS := $(strip $(foreach v,$(PODMAN_ENV_VARS),$(if $(filter environment%,$(origin $(v))),$(v))))

.DEFAULT_GOAL := all
.PHONY: $(PODMAN_GOALS) podman-forward

ifneq ($(PODMAN_FORWARD_GOALS),)
# All forwarded goals go to one container run, in the order given.
$(PODMAN_FORWARD_GOALS): podman-forward
	@:

# `+`: run even under make -n, so the inner make does the dry run. A host goal
# on the same command line (container_clean all) goes first.
podman-forward: | $(filter $(PODMAN_HOST_GOALS),$(MAKECMDGOALS))
	+$(Q)REDOX_PODMAN_ENV='$(PODMAN_ENV_PASS)' podman/run.sh make $(PODMAN_FORWARD_GOALS)
endif

podman-image:
	$(Q)podman/image.sh ensure

container_clean:
	$(Q)podman/image.sh clean

container_shell: $(filter podman-image container_clean,$(MAKECMDGOALS))
	$(Q)podman/run.sh shell
