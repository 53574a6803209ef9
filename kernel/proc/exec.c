/*
 * Loading static ELF64 programs into a user address space, and the
 * initial stack the C runtime's _start expects (System V layout: argc,
 * argv[], NULL, envp[], NULL, auxv pairs ending in AT_NULL).
 */
#include <freestanding/string.h>
#include <redox/abi/elf.h>
#include <redox/abi/errno.h>
#include <redox/abi/limits.h>
#include <redox/abi/resource.h>

#include "process.h"
#include "../boot.h"
#include "../lib/log.h"
#include "../mm/frame.h"
#include "../mm/heap.h"
#include "../mm/paging.h"
#include "../mm/usermem.h"

#define USER_TLS_BASE 0x00007F0000000000ULL
#define TCB_SIZE      64
/* the stack's most: RLIMIT_STACK's ceiling plus the largest argument block */
#define USER_STACK_MAX                                                                             \
	(REDOX_STACK_CEILING + REDOX_ARG_MAX + (2 * REDOX_ARGV_MAX + 8) * 8ULL + 2 * PAGE_SIZE)

/* Copy bytes into the target address space through the direct map. */
static bool copy_to_space(uint64_t root, uint64_t dst, const uint8_t *src, uint64_t len)
{
	while (len) {
		uint64_t phys = paging_translate(root, dst, 0);
		if (!phys)
			return false;
		uint64_t chunk = PAGE_SIZE - (dst & (PAGE_SIZE - 1));
		if (chunk > len)
			chunk = len;
		memcpy(phys_to_virt(phys), src, chunk);
		dst += chunk;
		src += chunk;
		len -= chunk;
	}
	return true;
}

uint64_t elf_needed_size(const void *head, uint64_t head_len, uint64_t file_size)
{
	const struct elf64_header *eh = head;
	if (head_len < sizeof *eh || memcmp(eh->ident, "\177ELF", 4) ||
	    eh->phentsize != sizeof(struct elf64_phdr) || eh->phoff > head_len ||
	    (uint64_t)eh->phnum * sizeof(struct elf64_phdr) > head_len - eh->phoff)
		return file_size; /* the loader will judge the whole file */
	const struct elf64_phdr *ph = (const void *)((const uint8_t *)head + eh->phoff);
	uint64_t need = eh->phoff + (uint64_t)eh->phnum * sizeof(struct elf64_phdr);
	for (uint16_t i = 0; i < eh->phnum; i++) {
		if (ph[i].type != PT_LOAD && ph[i].type != PT_TLS)
			continue;
		if (ph[i].offset > file_size || ph[i].filesz > file_size - ph[i].offset)
			return file_size;
		if (ph[i].offset + ph[i].filesz > need)
			need = ph[i].offset + ph[i].filesz;
	}
	return need < file_size ? need : file_size;
}

uint64_t elf_load_user(uint64_t root, const void *image, uint64_t size, int64_t *error)
{
	const uint8_t *data = image;
	const struct elf64_header *eh = image;
	*error = -ENOEXEC;
	if (size < sizeof *eh || memcmp(eh->ident, "\177ELF", 4) || eh->ident[4] != 2 ||
	    eh->machine != 62 || eh->type != 2 || eh->phentsize != sizeof(struct elf64_phdr) ||
	    eh->phoff > size || (uint64_t)eh->phnum * sizeof(struct elf64_phdr) > size - eh->phoff)
		return 0;
	const struct elf64_phdr *ph = (const void *)(data + eh->phoff);
	for (uint16_t i = 0; i < eh->phnum; i++) {
		if (ph[i].type != PT_LOAD || ph[i].memsz == 0)
			continue;
		uint64_t start = ph[i].vaddr & PAGE_MASK;
		uint64_t end = (ph[i].vaddr + ph[i].memsz + PAGE_SIZE - 1) & PAGE_MASK;
		if (ph[i].filesz > ph[i].memsz || ph[i].offset > size ||
		    ph[i].filesz > size - ph[i].offset || ph[i].vaddr < PAGE_SIZE ||
		    end > USER_END - USER_STACK_MAX - PAGE_SIZE || end < start)
			return 0;
		uint64_t flags = PTE_USER | (ph[i].flags & PF_W ? PTE_WRITE : 0) |
		                 (ph[i].flags & PF_X ? 0 : PTE_NO_EXECUTE);
		/* Segments may share a page: map what is not mapped yet, then widen rights. */
		for (uint64_t v = start; v < end; v += PAGE_SIZE) {
			uint64_t old;
			if (paging_translate(root, v, &old)) {
				uint64_t merged =
				    (old & ~PTE_ADDR_MASK & ~PTE_NO_EXECUTE) | (flags & PTE_WRITE) |
				    ((old & PTE_NO_EXECUTE) & (flags & PTE_NO_EXECUTE));
				paging_protect(root, v, merged);
			} else if (!user_map_anon(root, v, PAGE_SIZE, flags)) {
				*error = -ENOMEM;
				return 0;
			}
		}
		if (!copy_to_space(root, ph[i].vaddr, data + ph[i].offset, ph[i].filesz)) {
			*error = -EFAULT;
			return 0;
		}
	}
	*error = 0;
	return eh->entry;
}

uint64_t user_stack_setup(uint64_t root, const char *const *argv, const char *const *envp,
                          uint64_t stack_size)
{
	uint64_t argc = 0, envc = 0, bytes = 0;
	while (argv && argv[argc])
		bytes += strlen(argv[argc++]) + 1;
	while (envp && envp[envc])
		bytes += strlen(envp[envc++]) + 1;
	/* argc, argv, NULL, envp, NULL, auxv (2 pairs) */
	uint64_t words = 1 + argc + 1 + envc + 1 + 4;
	/* the program gets stack_size (RLIMIT_STACK, rlimit.c) beyond its arguments */
	if (stack_size > REDOX_STACK_CEILING)
		stack_size = REDOX_STACK_CEILING;
	stack_size = (stack_size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	uint64_t size = stack_size + ((bytes + words * 8 + 32 + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
	uint64_t top = USER_END;
	if (size > USER_STACK_MAX)
		return 0;
	if (!user_map_anon(root, top - size, size, PTE_WRITE | PTE_NO_EXECUTE))
		return 0;
	uint64_t *vec = kmalloc(words * 8);
	if (!vec)
		return 0;

	/* Strings first, at the very top; vec gets their addresses. */
	uint64_t sp = top, n = 0;
	vec[n++] = argc;
	for (uint64_t i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]) + 1;
		sp -= len;
		copy_to_space(root, sp, (const uint8_t *)argv[i], len);
		vec[n++] = sp;
	}
	vec[n++] = 0;
	for (uint64_t i = 0; i < envc; i++) {
		size_t len = strlen(envp[i]) + 1;
		sp -= len;
		copy_to_space(root, sp, (const uint8_t *)envp[i], len);
		vec[n++] = sp;
	}
	vec[n++] = 0;
	vec[n++] = AT_PAGESZ;
	vec[n++] = PAGE_SIZE;
	vec[n++] = AT_NULL;
	vec[n++] = 0;
	if (n != words)
		panic("user_stack_setup: %lu vector words, sized for %lu", n, words);
	sp &= ~15ULL;
	sp -= words * 8;
	sp &= ~15ULL;
	copy_to_space(root, sp, (const uint8_t *)vec, words * 8);
	kfree(vec);
	return sp;
}

/*
 * Thread-local storage for the first thread (x86_64 "variant II": the
 * TLS block sits just below the thread control block, whose first word
 * points to itself; FS holds the TCB's address). Static programs cannot
 * set FS themselves without a syscall, so the kernel does it at exec.
 */
uint64_t user_tls_setup(uint64_t root, const void *image, uint64_t size)
{
	const struct elf64_header *eh = image;
	const struct elf64_phdr *ph = (const void *)((const uint8_t *)image + eh->phoff);
	uint64_t memsz = 0, filesz = 0, vaddr = 0, align = 16;
	for (uint16_t i = 0; i < eh->phnum; i++)
		if (ph[i].type == PT_TLS) {
			memsz = ph[i].memsz;
			filesz = ph[i].filesz;
			vaddr = ph[i].vaddr;
			if (ph[i].align > align)
				align = ph[i].align;
			if (ph[i].offset > size || filesz > size - ph[i].offset || filesz > memsz)
				return 0;
		}
	if (align > PAGE_SIZE)
		return 0;
	uint64_t block = (memsz + align - 1) & ~(align - 1);
	uint64_t total = (block + TCB_SIZE + PAGE_SIZE - 1) & PAGE_MASK;
	if (!user_map_anon(root, USER_TLS_BASE, total, PTE_WRITE | PTE_NO_EXECUTE))
		return 0;
	uint64_t tcb = USER_TLS_BASE + block;
	const uint8_t *init = (const uint8_t *)image;
	for (uint16_t i = 0; i < eh->phnum; i++)
		if (ph[i].type == PT_TLS)
			init += ph[i].offset;
	(void)vaddr;
	if (filesz && !copy_to_space(root, tcb - block, init, filesz))
		return 0;
	copy_to_space(root, tcb, (const uint8_t *)&tcb, sizeof tcb);
	return tcb;
}
