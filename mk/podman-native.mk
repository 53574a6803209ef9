# PODMAN_BUILD=0 side of the toolchain container (native builds, and the
# inner make inside the container).
#
#   toolchain-info   the toolchain's versions: inside the container, the list
#                    recorded when the image was built; natively, the first
#                    version line of each host tool
#
# On the host (not inside a container) the podman goals work in native mode
# too, so `make container_clean` never needs PODMAN_BUILD=1.

TOOLCHAIN_VERSIONS_FILE := /etc/redox-toolchain.versions
TOOLCHAIN_INFO_TOOLS := clang ld.lld nasm make qemu-system-x86_64 bats

.PHONY: toolchain-info
toolchain-info:
	@if [ -r $(TOOLCHAIN_VERSIONS_FILE) ]; then \
		cat $(TOOLCHAIN_VERSIONS_FILE); \
	else \
		echo "# host tools (first line of --version)"; \
		for t in $(TOOLCHAIN_INFO_TOOLS); do \
			if command -v $$t >/dev/null 2>&1; then \
				printf '%-20s %s\n' $$t "$$($$t --version 2>&1 | sed -n '/[0-9]/{p;q}')"; \
			else \
				printf '%-20s %s\n' $$t 'not found'; \
			fi; \
		done; \
	fi

# /run/.containerenv exists in every podman container.
ifeq ($(wildcard /run/.containerenv),)
.PHONY: podman-image container_clean container_shell
podman-image:
	$(Q)podman/image.sh ensure
container_clean:
	$(Q)podman/image.sh clean
container_shell:
	$(Q)podman/run.sh shell
endif
