/*
 * Load the kernel: an ELF64 x86_64 executable whose PT_LOAD segments are
 * copied from the root filesystem straight to their physical addresses
 * (p_paddr). The loader's page tables (bios/stage2_entry.asm, uefi/paging.c)
 * map those at the kernel's higher-half virtual addresses. Inspecting first
 * lets the UEFI loader claim the range from the firmware before loading.
 */
#include <redox/abi/elf.h>

#include "loader.h"

/* The BIOS loader's own memory ends below 1 MiB; the kernel may use 1 MiB..1 GiB. */
#define KERNEL_PHYS_MIN 0x100000ULL
#define KERNEL_PHYS_MAX 0x40000000ULL

static bool read_header(const char *path, struct elf64_header *eh, int64_t *size)
{
	*size = bootfs_size(path);
	if (*size < 0)
		fail("%s: not found on the root filesystem", path);
	if ((uint64_t)*size < sizeof *eh || !bootfs_read(path, 0, eh, sizeof *eh))
		fail("%s: cannot read the ELF header", path);
	if (memcmp(eh->ident, "\177ELF", 4) || eh->ident[4] != 2 || eh->machine != EM_X86_64)
		fail("%s: not an x86_64 ELF64 file", path);
	if (eh->phentsize != sizeof(struct elf64_phdr) || eh->phnum == 0 || eh->phnum > 32)
		fail("%s: bad program header table", path);
	return true;
}

/* Checks every PT_LOAD segment; copies them when load is set. */
static void walk(const char *path, bool load, struct loaded_kernel *out)
{
	struct elf64_header eh;
	int64_t size;
	read_header(path, &eh, &size);
	out->entry = eh.entry;
	out->phys_start = ~0ULL;
	out->phys_end = 0;
	for (uint16_t i = 0; i < eh.phnum; i++) {
		struct elf64_phdr ph;
		if (!bootfs_read(path, eh.phoff + (uint64_t)i * sizeof ph, &ph, sizeof ph))
			fail("%s: cannot read program header %u", path, i);
		if (ph.type != PT_LOAD)
			continue;
		if (ph.filesz > ph.memsz || ph.offset + ph.filesz > (uint64_t)size ||
		    ph.paddr < KERNEL_PHYS_MIN || ph.paddr + ph.memsz > KERNEL_PHYS_MAX)
			fail("%s: segment %u out of bounds (paddr %llx)", path, i,
			     (unsigned long long)ph.paddr);
		if (load) {
			uint8_t *dst = (uint8_t *)ph.paddr;
			if (ph.filesz && !bootfs_read(path, ph.offset, dst, ph.filesz))
				fail("%s: cannot read segment %u", path, i);
			memset(dst + ph.filesz, 0, ph.memsz - ph.filesz);
		}
		if (ph.paddr < out->phys_start)
			out->phys_start = ph.paddr;
		if (ph.paddr + ph.memsz > out->phys_end)
			out->phys_end = ph.paddr + ph.memsz;
	}
	if (out->phys_end == 0)
		fail("%s: no loadable segment", path);
}

void elf_inspect_kernel(const char *path, struct loaded_kernel *out)
{
	walk(path, false, out);
}

void elf_load_kernel(const char *path, struct loaded_kernel *out)
{
	walk(path, true, out);
}
