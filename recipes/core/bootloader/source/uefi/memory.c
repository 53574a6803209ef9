/*
 * Memory from the firmware: pages for the loader's own buffers, the
 * kernel's fixed physical range claimed at its address, the pieces that
 * follow it placed in the lowest free RAM above it, and at the end
 * the final memory map, converted into the kernel's memory areas (sorted,
 * neighbours of one kind merged) right after boot services end.
 */
#include "uefi.h"

#define MAP_BYTES (64 * 1024ULL)

static struct efi_memory_descriptor *map;
static uint64_t map_size, map_key, desc_size;

void *memory_alloc_pages(uint64_t pages)
{
	uint64_t addr = 0;
	if (efi_bs->allocate_pages(EFI_ALLOCATE_ANY_PAGES, EFI_LOADER_DATA, pages, &addr))
		fail("the firmware has no %llu KiB of free memory for the loader",
		     (unsigned long long)(pages * 4));
	return (void *)addr;
}

static void read_map(void)
{
	if (!map)
		map = memory_alloc_pages(MAP_BYTES / PAGE_SIZE);
	uint32_t version;
	map_size = MAP_BYTES;
	if (efi_bs->get_memory_map(&map_size, map, &map_key, &desc_size, &version) ||
	    desc_size < sizeof(struct efi_memory_descriptor))
		fail("the firmware's memory map is unreadable (or larger than %llu KiB)",
		     (unsigned long long)(MAP_BYTES >> 10));
}

static const struct efi_memory_descriptor *map_entry(uint64_t i)
{
	return (const void *)((const uint8_t *)map + i * desc_size);
}

void memory_claim(uint64_t base, uint64_t size, const char *what)
{
	uint64_t addr = base, pages = align_up(size, PAGE_SIZE) / PAGE_SIZE;
	if (!efi_bs->allocate_pages(EFI_ALLOCATE_ADDRESS, EFI_LOADER_DATA, pages, &addr))
		return;
	read_map();
	for (uint64_t i = 0; i < map_size / desc_size; i++) {
		const struct efi_memory_descriptor *d = map_entry(i);
		uint64_t end = d->physical_start + d->number_of_pages * PAGE_SIZE;
		if (d->type != EFI_CONVENTIONAL_MEMORY && d->physical_start < base + size &&
		    end > base)
			fail("%s needs %llx..%llx, but the firmware holds %llx..%llx (type %u)",
			     what, (unsigned long long)base, (unsigned long long)(base + size),
			     (unsigned long long)d->physical_start, (unsigned long long)end,
			     d->type);
	}
	fail("%s needs %llx..%llx: not free RAM on this machine", what, (unsigned long long)base,
	     (unsigned long long)(base + size));
}

uint64_t memory_place(uint64_t from, uint64_t size, const char *what)
{
	read_map();
	uint64_t best = ~0ULL;
	from = align_up(from, PAGE_SIZE);
	for (uint64_t i = 0; i < map_size / desc_size; i++) {
		const struct efi_memory_descriptor *d = map_entry(i);
		uint64_t end = d->physical_start + d->number_of_pages * PAGE_SIZE;
		uint64_t at = d->physical_start > from ? d->physical_start : from;
		if (d->type == EFI_CONVENTIONAL_MEMORY && at + size <= end && at < best)
			best = at;
	}
	if (best == ~0ULL)
		fail("%s: no %llu KiB of free RAM above %llx", what,
		     (unsigned long long)(size >> 10), (unsigned long long)from);
	memory_claim(best, size, what);
	return best;
}

uint64_t memory_top(void)
{
	read_map();
	uint64_t top = 0;
	for (uint64_t i = 0; i < map_size / desc_size; i++) {
		const struct efi_memory_descriptor *d = map_entry(i);
		uint64_t end = d->physical_start + d->number_of_pages * PAGE_SIZE;
		if (d->type != EFI_MEMORY_MAPPED_IO && d->type != EFI_MEMORY_MAPPED_IO_PORT_SPACE &&
		    d->type != EFI_RESERVED_MEMORY && end > top)
			top = end;
	}
	return top;
}

static uint32_t redox_kind(uint32_t type)
{
	switch (type) {
	case EFI_CONVENTIONAL_MEMORY:
	case EFI_LOADER_CODE:
	case EFI_LOADER_DATA: /* the loader's own; the kernel keeps its boot span */
	case EFI_BOOT_SERVICES_CODE:
	case EFI_BOOT_SERVICES_DATA:
		return REDOX_MEMORY_FREE;
	case EFI_ACPI_RECLAIM_MEMORY:
		return REDOX_MEMORY_RECLAIM;
	default:
		return REDOX_MEMORY_RESERVED;
	}
}

uint32_t memory_exit_boot_services(struct redox_memory_area *areas, uint32_t max_areas)
{
	read_map();
	if (efi_bs->exit_boot_services(efi_image, map_key)) {
		/* the map changed since we read it (an event ran): read it and try again */
		uint32_t version;
		map_size = MAP_BYTES;
		if (efi_bs->get_memory_map(&map_size, map, &map_key, &desc_size, &version) ||
		    efi_bs->exit_boot_services(efi_image, map_key))
			fail("the firmware refuses to end its boot services");
	}
	efi_bs = 0;

	uint32_t n = 0;
	bool truncated = false;
	for (uint64_t i = 0; i < map_size / desc_size; i++) {
		const struct efi_memory_descriptor *d = map_entry(i);
		struct redox_memory_area a = {
		    .base = d->physical_start,
		    .size = d->number_of_pages * PAGE_SIZE,
		    .kind = redox_kind(d->type),
		};
		if (!a.size)
			continue;
		/* insertion by base: firmware maps are usually but not always sorted */
		uint32_t at = n;
		while (at > 0 && areas[at - 1].base > a.base)
			at--;
		if (at > 0 && areas[at - 1].kind == a.kind &&
		    areas[at - 1].base + areas[at - 1].size == a.base) {
			areas[at - 1].size += a.size;
			continue;
		}
		if (n == max_areas) {
			truncated = true;
			continue;
		}
		for (uint32_t j = n; j > at; j--)
			areas[j] = areas[j - 1];
		areas[at] = a;
		n++;
	}
	if (truncated)
		print("bootloader: more than %u memory areas; the rest is left out\n", max_areas);
	return n;
}
