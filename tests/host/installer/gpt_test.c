/*
 * Host unit tests for installer/gpt.c and installer/disk.c: writes disk
 * images from made-up stage 1/stage 2/rootfs files and reads them back
 * with an independent parser (its own bitwise CRC-32 and field offsets
 * from the UEFI spec): MBR, both headers and their CRCs, entries, LBAs,
 * and the payloads byte for byte. Also asks sgdisk when it is installed.
 */
#include "../check.h"
#include "disk.h"
#include "gpt.h"
#include "util.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/gpt_test.XXXXXX";

static uint32_t crc32_bitwise(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static uint64_t le(const uint8_t *p, int n)
{
	uint64_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static char *write_bytes(const char *name, const uint8_t *data, size_t len)
{
	char *path = path_join(tmpdir, name);
	char err[ERR_MAX];
	if (write_file_atomic(path, data, len, 0644, err) < 0) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
	return path;
}

static void fill(uint8_t *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245 + 12345;
		p[i] = (uint8_t)(seed >> 16);
	}
}

static void test_guid_text(void)
{
	uint8_t g[16];
	char text[37];
	CHECK(guid_parse(GPT_TYPE_EFI_SYSTEM, g) == 0);
	/* the on-disk form of the EFI type GUID, as every GPT tool writes it */
	static const uint8_t efi[16] = {0x28, 0x73, 0x2a, 0xc1, 0x1f, 0xf8, 0xd2, 0x11,
	                                0xba, 0x4b, 0x00, 0xa0, 0xc9, 0x3e, 0xc9, 0x3b};
	CHECK(memcmp(g, efi, 16) == 0);
	guid_format(g, text);
	CHECK_STR(text, GPT_TYPE_EFI_SYSTEM);
	CHECK(guid_parse("C12A7328-F81F-11D2-BA4B-00A0C93EC93", g) < 0);
	CHECK(guid_parse("C12A7328xF81F-11D2-BA4B-00A0C93EC93B", g) < 0);
	CHECK(guid_parse("G12A7328-F81F-11D2-BA4B-00A0C93EC93B", g) < 0);
	CHECK(gpt_crc32("123456789", 9) == 0xcbf43926u);
	CHECK(crc32_bitwise((const uint8_t *)"123456789", 9) == 0xcbf43926u);
}

struct image {
	uint8_t *data;
	size_t size;
};

static int read_image(const char *path, struct image *img)
{
	char *d;
	if (read_file(path, &d, &img->size) < 0)
		return -1;
	img->data = (uint8_t *)d;
	return 0;
}

/* Checks one header; returns the entry array it points to. */
static const uint8_t *check_header(const struct image *img, uint64_t lba, uint64_t other,
                                   uint64_t sectors, const uint8_t *disk_guid)
{
	const uint8_t *h = img->data + lba * 512;
	CHECK(memcmp(h, "EFI PART", 8) == 0);
	CHECK(le(h + 8, 4) == 0x00010000);
	CHECK(le(h + 12, 4) == 92);
	uint8_t copy[92];
	memcpy(copy, h, 92);
	memset(copy + 16, 0, 4);
	CHECK(le(h + 16, 4) == crc32_bitwise(copy, 92));
	CHECK(le(h + 20, 4) == 0);
	CHECK(le(h + 24, 8) == lba);
	CHECK(le(h + 32, 8) == other);
	CHECK(le(h + 40, 8) == 34);
	CHECK(le(h + 48, 8) == sectors - 34);
	if (disk_guid)
		CHECK(memcmp(h + 56, disk_guid, 16) == 0);
	uint64_t entries_lba = le(h + 72, 8);
	CHECK(entries_lba == (lba == 1 ? 2 : sectors - 33));
	CHECK(le(h + 80, 4) == 128);
	CHECK(le(h + 84, 4) == 128);
	const uint8_t *entries = img->data + entries_lba * 512;
	CHECK(le(h + 88, 4) == crc32_bitwise(entries, 128 * 128));
	for (size_t i = 92; i < 512; i++)
		if (h[i]) {
			CHECK(!"header padding is zero");
			break;
		}
	return entries;
}

static void check_entry(const uint8_t *e, const char *type, uint64_t first, uint64_t last,
                        const char *name)
{
	uint8_t t[16];
	guid_parse(type, t);
	CHECK(memcmp(e, t, 16) == 0);
	static const uint8_t zero[16];
	CHECK(memcmp(e + 16, zero, 16) != 0);
	CHECK((e[16 + 7] >> 4) == 4); /* version-4 GUID */
	CHECK((e[16 + 8] & 0xc0) == 0x80);
	CHECK(le(e + 32, 8) == first);
	CHECK(le(e + 40, 8) == last);
	CHECK(le(e + 48, 8) == 0);
	for (size_t i = 0; i < 36; i++) {
		uint16_t want = i < strlen(name) ? (uint8_t)name[i] : 0;
		if (le(e + 56 + 2 * i, 2) != want) {
			CHECK(!"partition name");
			break;
		}
	}
}

static void test_image(long efi_mib)
{
	uint8_t mbr[512] = {0}, stage2[20000], rootfs_head[5000];
	fill(mbr, 440, 1);
	mbr[510] = 0x55;
	mbr[511] = 0xaa;
	fill(stage2, sizeof(stage2), 2);
	fill(rootfs_head, sizeof(rootfs_head), 3);
	char *p1 = write_bytes("mbr.bin", mbr, sizeof(mbr));
	char *p2 = write_bytes("stage2.bin", stage2, sizeof(stage2));
	/* 3 MiB + 100 bytes, mostly holes, with data at both ends */
	size_t rootfs_size = 3 * 1024 * 1024 + 100;
	uint8_t *rootfs = xcalloc(1, rootfs_size);
	memcpy(rootfs, rootfs_head, sizeof(rootfs_head));
	rootfs[rootfs_size - 1] = 0x5a;
	char *p3 = write_bytes("rootfs.img", rootfs, rootfs_size);
	char *out = path_join(tmpdir, "hd.img");
	char err[ERR_MAX];
	struct disk_options o = {out, p1, p2, p3, NULL, efi_mib};
	int r = disk_write(&o, err);
	CHECK(r == 0);
	if (r)
		fprintf(stderr, "%s\n", err);

	struct image img = {0};
	CHECK(read_image(out, &img) == 0);
	uint64_t efi_sectors = (uint64_t)efi_mib * 2048;
	uint64_t root_first = 2048 + efi_sectors;
	uint64_t root_sectors = (rootfs_size + 511) / 512;
	uint64_t sectors = img.size / 512;
	CHECK(img.size % (1024 * 1024) == 0);
	CHECK(sectors >= root_first + root_sectors + 33);
	CHECK(sectors < root_first + root_sectors + 33 + 2048);

	/* protective MBR */
	const uint8_t *m = img.data;
	CHECK(memcmp(m, mbr, 440) == 0);
	CHECK(m[510] == 0x55 && m[511] == 0xaa);
	CHECK(m[446] == 0 && m[446 + 4] == 0xee);
	CHECK(m[447] == 0x00 && m[448] == 0x02 && m[449] == 0x00);
	CHECK(m[451] == 0xff && m[452] == 0xff && m[453] == 0xff);
	CHECK(le(m + 446 + 8, 4) == 1);
	CHECK(le(m + 446 + 12, 4) == sectors - 1);
	for (int i = 462; i < 510; i++)
		if (m[i]) {
			CHECK(!"MBR entries 2..4 are empty");
			break;
		}

	const uint8_t *pe = check_header(&img, 1, sectors - 1, sectors, NULL);
	const uint8_t *be = check_header(&img, sectors - 1, 1, sectors, img.data + 512 + 56);
	CHECK(memcmp(pe, be, 128 * 128) == 0);
	check_entry(pe, GPT_TYPE_BIOS_BOOT, 34, 2047, "BIOS boot");
	const uint8_t *root_entry = pe + 128;
	if (efi_mib) {
		check_entry(pe + 128, GPT_TYPE_EFI_SYSTEM, 2048, 2048 + efi_sectors - 1,
		            "EFI System");
		root_entry += 128;
		/* FAT boot sector when mtools formatted it */
		if (system("command -v mformat >/dev/null 2>&1") == 0) {
			const uint8_t *fat = img.data + 2048 * 512;
			CHECK(fat[510] == 0x55 && fat[511] == 0xaa);
			CHECK(memcmp(fat + 0x2b, "EFI        ", 11) == 0);
		}
	}
	check_entry(root_entry, GPT_TYPE_REDOXFS, root_first, root_first + root_sectors - 1,
	            "RedoxFS");
	static const uint8_t zero[128];
	for (const uint8_t *e = root_entry + 128; e < pe + 128 * 128; e += 128)
		if (memcmp(e, zero, 128)) {
			CHECK(!"unused entries are zero");
			break;
		}
	CHECK(memcmp(pe + 16, root_entry + 16, 16) != 0);

	/* payloads */
	CHECK(memcmp(img.data + 34 * 512, stage2, sizeof(stage2)) == 0);
	CHECK(memcmp(img.data + root_first * 512, rootfs, rootfs_size) == 0);

	/* the image is sparse: far fewer blocks than bytes */
	struct stat st;
	CHECK(stat(out, &st) == 0 && (uint64_t)st.st_blocks * 512 < img.size / 2);

	if (system("command -v sgdisk >/dev/null 2>&1") == 0) {
		char *cmd = xasprintf("sgdisk -v '%s' | grep -q 'No problems found'", out);
		CHECK(system(cmd) == 0);
		free(cmd);
	}
	free(img.data);
	free(rootfs);
	free(p1);
	free(p2);
	free(p3);
	free(out);
}

static void test_disk_errors(void)
{
	uint8_t buf[254 * 512 + 1] = {0};
	char *mbr = write_bytes("mbr.bin", buf, 440);
	char *big_mbr = write_bytes("big_mbr.bin", buf, 513);
	buf[445] = 1;
	char *long_code = write_bytes("long_code.bin", buf, 512);
	char *ok2 = write_bytes("ok2.bin", buf, 254 * 512);
	char *big2 = write_bytes("big2.bin", buf, sizeof(buf));
	char *rootfs = write_bytes("rootfs.img", buf, 4096);
	char *empty = write_bytes("empty.img", buf, 0);
	char *out = path_join(tmpdir, "err.img");
	char err[ERR_MAX];
	char *want;

	struct disk_options o = {out, mbr, big2, rootfs, NULL, 0};
	CHECK(disk_write(&o, err) < 0);
	want =
	    xasprintf("%s: 130049 bytes; stage 1 loads at most 254 sectors (130048 bytes)", big2);
	CHECK_STR(err, want);
	free(want);
	CHECK(access(out, F_OK) < 0);

	o.stage2 = ok2;
	o.stage1 = big_mbr;
	CHECK(disk_write(&o, err) < 0);
	want = xasprintf("%s: 513 bytes; stage 1 must fit in one 512-byte sector", big_mbr);
	CHECK_STR(err, want);
	free(want);

	o.stage1 = long_code;
	CHECK(disk_write(&o, err) < 0);
	want = xasprintf("%s: boot code runs past byte 440, into the partition table", long_code);
	CHECK_STR(err, want);
	free(want);

	o.stage1 = mbr;
	o.rootfs = empty;
	CHECK(disk_write(&o, err) < 0);
	want = xasprintf("%s: the root filesystem image is empty", empty);
	CHECK_STR(err, want);
	free(want);

	o.rootfs = rootfs;
	CHECK(disk_write(&o, err) == 0);
	CHECK(access(out, F_OK) == 0);

	char *missing = path_join(tmpdir, "missing.bin");
	o.stage2 = missing;
	CHECK(disk_write(&o, err) < 0);
	want = xasprintf("cannot open %s: No such file or directory", missing);
	CHECK_STR(err, want);
	free(want);

	free(missing);
	free(mbr);
	free(big_mbr);
	free(long_code);
	free(ok2);
	free(big2);
	free(rootfs);
	free(empty);
	free(out);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_guid_text();
	test_image(1);
	test_image(0);
	test_image(3);
	test_disk_errors();
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	free(cmd);
	return check_done("gpt_test");
}
