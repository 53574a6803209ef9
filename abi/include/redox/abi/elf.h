/*
 * The parts of ELF64 the system reads: the file header and program headers
 * of executables (the kernel's exec, the bootloader's kernel loader), and
 * the auxiliary vector entries exec puts on a new program's stack.
 */
#ifndef REDOX_ABI_ELF_H
#define REDOX_ABI_ELF_H

#include <stdint.h>

#define EM_X86_64 62

/* program header types and flags */
#define PT_LOAD 1
#define PT_TLS  7
#define PF_X    1
#define PF_W    2
#define PF_R    4

/* auxiliary vector keys */
#define AT_NULL   0
#define AT_PAGESZ 6
#define AT_ENTRY  9

struct elf64_header {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

#endif
