# Host tests and the fuzzer of the network code that builds without lwIP
# or the kernel: the netstack's address parsers and dhcpd's DHCP messages.
#   make host-test-net   the unit tests (sanitizers)
#   make fuzz-dhcp       libFuzzer on dhcpd's parser for FUZZ_SECONDS

NET_TEST := $(HOST_BUILD)/tests/net/net_test
NET_TEST_SRCS := recipes/core/netstack/source/addr.c recipes/core/dhcpd/source/dhcp.c \
	relibc-c/src/net/sockopt.c tests/host/net/net_test.c
NET_TEST_INCLUDES := -Irecipes/core/netstack/source -Irecipes/core/dhcpd/source -Irelibc-c/src

$(NET_TEST): $(NET_TEST_SRCS) recipes/core/netstack/source/addr.h recipes/core/dhcpd/source/dhcp.h \
		relibc-c/src/net/net.h
	$(call progress,HOSTCC,$@)
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(HOST_TEST_CFLAGS) $(NET_TEST_INCLUDES) $(NET_TEST_SRCS) -o $@

host-test-net: $(NET_TEST)
	$(call progress,TEST,net)
	$(Q)$(NET_TEST)
.PHONY: host-test-net
HOST_TESTS += host-test-net

DHCP_FUZZ_DIR := $(HOST_BUILD)/fuzz/dhcp
DHCP_FUZZER := $(DHCP_FUZZ_DIR)/dhcp_fuzz
$(DHCP_FUZZER): recipes/core/dhcpd/source/dhcp.c tests/host/net/dhcp_fuzz.c \
		recipes/core/dhcpd/source/dhcp.h
	$(call progress,FUZZCC,$@)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) -std=gnu11 $(WARNINGS) -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -Irecipes/core/dhcpd/source $(filter %.c,$^) -o $@

fuzz-dhcp: $(DHCP_FUZZER)
	@mkdir -p $(DHCP_FUZZ_DIR)/corpus
	$(Q)$(DHCP_FUZZER) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-artifact_prefix=$(DHCP_FUZZ_DIR)/ $(DHCP_FUZZ_DIR)/corpus
.PHONY: fuzz-dhcp
