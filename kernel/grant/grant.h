/*
 * Driver grants: the one place the kernel decides which device resources
 * a process may touch. A process with a grant table is "confined": its
 * physical mappings, DMA allocations, I/O port access and irq: opens are
 * checked against the table whatever its uid, and it may never widen the
 * table. A process without one keeps the old rule (root may, others not).
 * pcid fills a driver's table from the driver's manifest (grant:self,
 * written before the driver drops root and execs).
 */
#ifndef KERNEL_GRANT_GRANT_H
#define KERNEL_GRANT_GRANT_H

#include <stdbool.h>
#include <stdint.h>

struct process;

void grant_scheme_init(void);

/* Context switch to p (NULL: a kernel context): fill this CPU's I/O
 * bitmap with p's manifest's ports (all closed for everyone else). */
struct cpu;
void grant_io_switch(struct cpu *cpu, const struct process *p);

/* Process life: a fork inherits the parent's table; exit drops it. */
void grant_fork(uint32_t parent, uint32_t child);
void grant_exit(uint32_t pid);

bool grant_confined(uint32_t pid);
/* May this caller open memory:physical / the irq: listing at all? */
bool grant_may_open_physical(uint32_t pid, uint32_t uid);
/* May pid map [phys, phys+size)? (Unconfined: yes; memory.c checks the rest.) */
bool grant_may_map(uint32_t pid, uint64_t phys, uint64_t size);
/* irq:n */
bool grant_may_irq(uint32_t pid, uint32_t uid, uint32_t n);
/* SYS_PHYSALLOC: may pid take `size` more bytes of DMA memory? */
bool grant_may_dma(uint32_t pid, uint32_t uid, uint64_t size);
/* Record (or forget) a DMA allocation of a confined process. */
void grant_dma_add(uint32_t pid, uint64_t phys, uint64_t size);
/* false: not this confined process's allocation (it may not free it). */
bool grant_dma_remove(uint32_t pid, uint64_t phys, uint64_t size);
/* ":name" with O_CREAT: may this caller provide the scheme `name`? */
bool grant_may_provide(uint32_t pid, uint32_t uid, const char *name);
/* SYS_PHYSALLOC/FREE/MAP, VIRTTOPHYS: root or a confined driver. */
bool grant_may_phys_syscalls(uint32_t pid, uint32_t uid);

#endif
