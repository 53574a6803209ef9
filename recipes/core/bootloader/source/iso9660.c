/*
 * A file in the root directory of an ISO 9660 CD (livedisk.iso keeps the
 * RedoxFS image there as one contiguous file). Names compare without case
 * and without the ";1" version suffix.
 */
#include "loader.h"

#define ISO_SECTOR   2048
#define PVD_OFFSET   (16 * ISO_SECTOR)
#define MAX_DIR_SIZE (64 * ISO_SECTOR)

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static bool name_matches(const uint8_t *rec_name, uint8_t len, const char *name)
{
	uint8_t n = 0;
	while (n < len && rec_name[n] != ';')
		n++;
	for (uint8_t i = 0; i < n; i++)
		if (!name[i] || upper((char)rec_name[i]) != upper(name[i]))
			return false;
	return name[n] == 0;
}

bool iso9660_find(const char *name, uint64_t *offset, uint64_t *size)
{
	uint8_t sector[ISO_SECTOR];
	if (disk_read(PVD_OFFSET, sector, sizeof sector) || sector[0] != 1 ||
	    memcmp(sector + 1, "CD001", 5))
		return false;
	if ((sector[128] | sector[129] << 8) != ISO_SECTOR)
		return false;
	const uint8_t *root = sector + 156;
	uint64_t dir = (uint64_t)le32(root + 2) * ISO_SECTOR, dir_size = le32(root + 10);
	if (dir_size > MAX_DIR_SIZE)
		dir_size = MAX_DIR_SIZE;
	for (uint64_t at = 0; at < dir_size; at += ISO_SECTOR) {
		if (disk_read(dir + at, sector, sizeof sector))
			return false;
		for (uint32_t i = 0; i + 33 < ISO_SECTOR && sector[i];) {
			const uint8_t *rec = sector + i;
			uint8_t len = rec[0], name_len = rec[32];
			if (len < 34 || i + len > ISO_SECTOR || 33u + name_len > len)
				break;
			if (!(rec[25] & 2) && name_matches(rec + 33, name_len, name)) {
				*offset = (uint64_t)le32(rec + 2) * ISO_SECTOR;
				*size = le32(rec + 10);
				return true;
			}
			i += len;
		}
	}
	return false;
}
