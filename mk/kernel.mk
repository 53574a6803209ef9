# The kernel: every .c and .asm under kernel/, plus the freestanding
# helpers in common/, linked at the higher half by kernel/arch/$(ARCH)/linker.ld.

KERNEL_OUT := $(ARCH_BUILD)/kernel
KERNEL := $(KERNEL_OUT)/kernel

KERNEL_C := $(shell find kernel -name '*.c') common/fmt/fmt.c common/freestanding/string.c \
	common/path/path.c common/reclock/reclock.c
KERNEL_ASM := $(shell find kernel -name '*.asm')
KERNEL_OBJS := $(patsubst %.c,$(KERNEL_OUT)/obj/%.o,$(KERNEL_C)) \
	$(patsubst %.asm,$(KERNEL_OUT)/obj/%.asm.o,$(KERNEL_ASM))
KERNEL_LDSCRIPT := kernel/arch/$(ARCH)/linker.ld

kernel: $(KERNEL)
.PHONY: kernel

$(KERNEL_OUT)/obj/%.o: %.c
	$(call progress,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CLANG) $(KERNEL_CFLAGS) -c $< -o $@

$(KERNEL_OUT)/obj/%.asm.o: %.asm
	$(call progress,NASM,$<)
	@mkdir -p $(@D)
	$(Q)$(NASM) -f elf64 -g -i $(dir $<) $< -o $@

$(KERNEL): $(KERNEL_OBJS) $(KERNEL_LDSCRIPT)
	$(call progress,LD,$@)
	$(Q)$(LLD) -nostdlib -static -z max-page-size=4096 -T $(KERNEL_LDSCRIPT) $(KERNEL_OBJS) -o $@

# NASM sources share macros from kernel/arch/$(ARCH)/*.inc
$(filter %.asm.o,$(KERNEL_OBJS)): $(wildcard kernel/arch/$(ARCH)/*.inc)

-include $(KERNEL_OBJS:.o=.d)
