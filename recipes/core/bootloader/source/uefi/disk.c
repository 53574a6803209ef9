/*
 * The boot medium through the firmware's block I/O protocol: the whole
 * disks and CDs it offers (not their partitions), the one the loader
 * itself came from first, and byte-addressed reads on top of whole
 * blocks through a page-aligned bounce buffer.
 */
#include "uefi.h"

#define MAX_DISKS    16
#define BOUNCE_BYTES (1024 * 1024ULL)

static struct efi_block_io *disks[MAX_DISKS];
static uint32_t ndisks;
static struct efi_block_io *current;
static uint8_t *bounce;

static const struct efi_device_path *device_path(efi_handle handle)
{
	static const struct efi_guid guid = EFI_DEVICE_PATH_GUID;
	void *path = 0;
	if (efi_bs->handle_protocol(handle, &guid, &path))
		return 0;
	return path;
}

static uint16_t node_length(const struct efi_device_path *p)
{
	return (uint16_t)(p->length[0] | p->length[1] << 8);
}

/* Is the whole-disk path `disk` the start of `part` (a partition or CD image on it)? */
static bool path_prefix(const struct efi_device_path *disk, const struct efi_device_path *part)
{
	if (!disk || !part)
		return false;
	while (disk->type != EFI_DEVICE_PATH_END) {
		uint16_t n = node_length(disk);
		if (n < 4 || n != node_length(part) || memcmp(disk, part, n))
			return false;
		disk = (const void *)((const uint8_t *)disk + n);
		part = (const void *)((const uint8_t *)part + n);
	}
	return true;
}

static void find_disks(void)
{
	static const struct efi_guid block_io = EFI_BLOCK_IO_GUID;
	static const struct efi_guid loaded_image = EFI_LOADED_IMAGE_GUID;
	efi_handle *handles = 0;
	uint64_t count = 0;
	if (efi_bs->locate_handle_buffer(EFI_BY_PROTOCOL, &block_io, 0, &count, &handles))
		fail("the firmware offers no block devices");
	struct efi_loaded_image *image = 0;
	const struct efi_device_path *boot_path = 0;
	if (!efi_bs->handle_protocol(efi_image, &loaded_image, (void **)&image) && image)
		boot_path = device_path(image->device_handle);
	for (uint64_t i = 0; i < count && ndisks < MAX_DISKS; i++) {
		struct efi_block_io *bio = 0;
		if (efi_bs->handle_protocol(handles[i], &block_io, (void **)&bio) || !bio ||
		    bio->media->logical_partition || !bio->media->media_present)
			continue;
		uint32_t at = ndisks++;
		if (path_prefix(device_path(handles[i]), boot_path)) {
			/* the boot device goes first */
			for (; at > 0; at--)
				disks[at] = disks[at - 1];
		}
		disks[at] = bio;
	}
	efi_bs->free_pool(handles);
	bounce = memory_alloc_pages(BOUNCE_BYTES / PAGE_SIZE);
}

uint32_t disk_count(void)
{
	if (!bounce)
		find_disks();
	return ndisks;
}

bool disk_select(uint32_t i)
{
	if (i >= disk_count())
		return false;
	current = disks[i];
	uint32_t bs = current->media->block_size;
	return current->media->media_present && bs >= 512 && bs <= 4096 && !(bs & (bs - 1));
}

int disk_read(uint64_t offset, void *buffer, size_t length)
{
	if (!current)
		return -1;
	uint32_t bs = current->media->block_size;
	uint8_t *dst = buffer;
	while (length) {
		uint64_t lba = offset / bs;
		size_t skip = offset % bs;
		uint64_t bytes = align_up(skip + length, bs);
		if (bytes > BOUNCE_BYTES)
			bytes = BOUNCE_BYTES;
		if (lba + bytes / bs - 1 > current->media->last_block)
			return -1; /* past the end of the medium */
		if (current->read_blocks(current, current->media->media_id, lba, bytes, bounce))
			return -1;
		size_t chunk = bytes - skip;
		if (chunk > length)
			chunk = length;
		memcpy(dst, bounce + skip, chunk);
		dst += chunk;
		offset += chunk;
		length -= chunk;
	}
	return 0;
}
