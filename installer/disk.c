/*
 * `installer disk`: lays out harddrive.img as abi/include/redox/abi/disk.h
 * describes and writes it (see disk.h). The image is written to IMG.tmp
 * and renamed at the end, so a failed run never leaves a plausible image.
 */
#include "disk.h"
#include "gpt.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SECTORS_PER_MIB (1024 * 1024 / DISK_SECTOR_SIZE)
#define COPY_CHUNK      (1024 * 1024)
/* all-zero runs of this size become holes in the image */
#define HOLE_GRAIN 4096

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

static int pwrite_all(int fd, const void *buf, size_t len, uint64_t off, const char *what,
                      char *err)
{
	const uint8_t *p = buf;
	while (len) {
		ssize_t n = pwrite(fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail(err, "cannot write %s: %s", what, strerror(errno));
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* Copies a file into the image at off, leaving holes where it is all zeros. */
static int copy_into(int out, const char *out_name, const char *path, uint64_t off, char *err)
{
	int in = open(path, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return fail(err, "cannot open %s: %s", path, strerror(errno));
	uint8_t *buf = xmalloc(COPY_CHUNK);
	int r = 0;
	for (;;) {
		ssize_t n = read(in, buf, COPY_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = fail(err, "cannot read %s: %s", path, strerror(errno));
			break;
		}
		if (n == 0)
			break;
		for (size_t at = 0; r == 0 && at < (size_t)n; at += HOLE_GRAIN) {
			size_t len = (size_t)n - at < HOLE_GRAIN ? (size_t)n - at : HOLE_GRAIN;
			if (!all_zero(buf + at, len))
				r = pwrite_all(out, buf + at, len, off + at, out_name, err);
		}
		if (r < 0)
			break;
		off += (uint64_t)n;
	}
	free(buf);
	close(in);
	return r;
}

static int file_size(const char *path, uint64_t *size, char *err)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return fail(err, "cannot open %s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return fail(err, "%s: not a regular file", path);
	*size = (uint64_t)st.st_size;
	return 0;
}

/* ---- EFI system partition via mtools (optional) ---- */

static bool in_path(const char *prog)
{
	const char *path = getenv("PATH");
	if (!path)
		return false;
	char *copy = xstrdup(path);
	bool found = false;
	for (char *save, *dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *full = path_join(*dir ? dir : ".", prog);
		found = access(full, X_OK) == 0;
		free(full);
	}
	free(copy);
	return found;
}

static int run(char *const argv[], char *err)
{
	pid_t pid = fork();
	if (pid < 0)
		return fail(err, "cannot start %s: %s", argv[0], strerror(errno));
	if (pid == 0) {
		/* mtools refuses images whose geometry it finds odd without this */
		setenv("MTOOLS_SKIP_CHECK", "1", 1);
		execvp(argv[0], argv);
		fprintf(stderr, "installer: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return fail(err, "waiting for %s: %s", argv[0], strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return fail(err, "%s failed (status %d)", argv[0],
		            WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Formats a FAT file system in a file of `sectors` sectors and copies dir's contents in. */
static int make_efi_fs(const char *tmp, uint64_t sectors, const char *dir, char *err)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return fail(err, "cannot create %s: %s", tmp, strerror(errno));
	int r = ftruncate(fd, (off_t)(sectors * DISK_SECTOR_SIZE));
	close(fd);
	if (r < 0)
		return fail(err, "cannot size %s: %s", tmp, strerror(errno));

	uint8_t serial[4];
	if (random_bytes(serial, sizeof(serial), "efi serial", err) < 0)
		return -1;
	char *total = xasprintf("%llu", (unsigned long long)sectors);
	char *serial_hex =
	    xasprintf("%02x%02x%02x%02x", serial[0], serial[1], serial[2], serial[3]);
	/* 64 heads x 32 sectors divides every whole number of MiB */
	char *fmt[] = {"mformat", "-i", (char *)tmp, "-T", total, "-h", "64", "-s",
	               "32",      "-N", serial_hex,  "-v", "EFI", "::", NULL};
	r = run(fmt, err);
	free(total);
	free(serial_hex);
	if (r < 0 || !dir)
		return r;

	DIR *d = opendir(dir);
	if (!d)
		return fail(err, "cannot open %s: %s", dir, strerror(errno));
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = path_join(dir, e->d_name);
	}
	closedir(d);
	/* readdir order varies; a sorted copy keeps the image reproducible */
	qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; r == 0 && i < n; i++) {
		char *cp[] = {"mcopy", "-i", (char *)tmp, "-s", "-Q", names[i], "::/", NULL};
		r = run(cp, err);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return r;
}

/* ---- the image ---- */

static int check_stage1(const char *path, uint8_t *code, size_t *len, char *err)
{
	char *data;
	size_t n;
	if (read_file(path, &data, &n) < 0)
		return fail(err, "cannot open %s: %s", path, strerror(errno));
	int r = 0;
	if (n > DISK_SECTOR_SIZE)
		r = fail(err, "%s: %zu bytes; stage 1 must fit in one %d-byte sector", path, n,
		         DISK_SECTOR_SIZE);
	/* bytes 440..509 belong to the partition table we write: they must be unused */
	else if (n > MBR_BOOT_CODE_SIZE && !all_zero((uint8_t *)data + MBR_BOOT_CODE_SIZE,
	                                             (n < 510 ? n : 510) - MBR_BOOT_CODE_SIZE))
		r = fail(err, "%s: boot code runs past byte %d, into the partition table", path,
		         MBR_BOOT_CODE_SIZE);
	*len = n < MBR_BOOT_CODE_SIZE ? n : MBR_BOOT_CODE_SIZE;
	memcpy(code, data, *len);
	free(data);
	return r;
}

static void add_partition(struct gpt_disk *disk, const char *type, const uint8_t *guid,
                          uint64_t first, uint64_t sectors, const char *name)
{
	struct gpt_partition *p = &disk->parts[disk->nparts++];
	guid_parse(type, p->type);
	memcpy(p->guid, guid, 16);
	p->first_lba = first;
	p->last_lba = first + sectors - 1;
	p->name = name;
}

static int write_image(const struct disk_options *o, const char *tmp, const char *efi_tmp,
                       char *err)
{
	uint8_t boot[MBR_BOOT_CODE_SIZE];
	size_t boot_len = 0;
	uint64_t stage2_size, rootfs_size;
	if (check_stage1(o->stage1, boot, &boot_len, err) < 0 ||
	    file_size(o->stage2, &stage2_size, err) < 0 ||
	    file_size(o->rootfs, &rootfs_size, err) < 0)
		return -1;
	if (stage2_size > (uint64_t)DISK_STAGE2_MAX_SECTORS * DISK_SECTOR_SIZE)
		return fail(err, "%s: %llu bytes; stage 1 loads at most %d sectors (%d bytes)",
		            o->stage2, (unsigned long long)stage2_size, DISK_STAGE2_MAX_SECTORS,
		            DISK_STAGE2_MAX_SECTORS * DISK_SECTOR_SIZE);
	if (rootfs_size == 0)
		return fail(err, "%s: the root filesystem image is empty", o->rootfs);

	uint64_t efi_sectors = (uint64_t)o->efi_size_mib * SECTORS_PER_MIB;
	uint64_t root_first = DISK_FIRST_PARTITION_LBA + efi_sectors;
	uint64_t root_sectors = align_up(rootfs_size, DISK_SECTOR_SIZE) / DISK_SECTOR_SIZE;
	uint64_t disk_sectors =
	    align_up(root_first + root_sectors + GPT_ENTRY_SECTORS + 1, SECTORS_PER_MIB);

	struct gpt_disk disk = {.sectors = disk_sectors};
	uint8_t guids[4][16];
	char *label = xasprintf("gpt guids %llu", (unsigned long long)rootfs_size);
	int r = random_bytes(guids, sizeof(guids), label, err);
	free(label);
	if (r < 0)
		return -1;
	for (int i = 0; i < 4; i++)
		gpt_guid_make_v4(guids[i]);
	memcpy(disk.guid, guids[0], 16);
	add_partition(&disk, GPT_TYPE_BIOS_BOOT, guids[1], DISK_STAGE2_LBA,
	              DISK_FIRST_PARTITION_LBA - DISK_STAGE2_LBA, "BIOS boot");
	if (efi_sectors)
		add_partition(&disk, GPT_TYPE_EFI_SYSTEM, guids[2], DISK_FIRST_PARTITION_LBA,
		              efi_sectors, "EFI System");
	add_partition(&disk, GPT_TYPE_REDOXFS, guids[3], root_first, root_sectors, "RedoxFS");

	static uint8_t entries[GPT_ENTRIES * GPT_ENTRY_SIZE];
	uint8_t mbr[DISK_SECTOR_SIZE], primary[DISK_SECTOR_SIZE], backup[DISK_SECTOR_SIZE];
	gpt_build_entries(&disk, entries);
	gpt_build_mbr(mbr, boot, boot_len, disk_sectors);
	gpt_build_header(&disk, entries, false, primary);
	gpt_build_header(&disk, entries, true, backup);

	bool efi_fs = false;
	if (efi_sectors) {
		if (in_path("mformat") && in_path("mcopy")) {
			if (make_efi_fs(efi_tmp, efi_sectors, o->efi_dir, err) < 0)
				return -1;
			efi_fs = true;
		} else {
			fprintf(stderr,
			        "installer: note: mtools (mformat, mcopy) not found; the "
			        "EFI partition is left unformatted%s\n",
			        o->efi_dir ? " and --efi-dir is not copied" : "");
		}
	}

	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return fail(err, "cannot create %s: %s", tmp, strerror(errno));
	/* size first: everything not written below stays a hole */
	r = ftruncate(fd, (off_t)(disk_sectors * DISK_SECTOR_SIZE)) < 0
	        ? fail(err, "cannot size %s: %s", tmp, strerror(errno))
	        : 0;
	if (r == 0)
		r = pwrite_all(fd, mbr, sizeof(mbr), 0, tmp, err);
	if (r == 0)
		r = pwrite_all(fd, primary, sizeof(primary), DISK_SECTOR_SIZE, tmp, err);
	if (r == 0)
		r = pwrite_all(fd, entries, sizeof(entries), 2 * DISK_SECTOR_SIZE, tmp, err);
	if (r == 0)
		r = copy_into(fd, tmp, o->stage2, (uint64_t)DISK_STAGE2_LBA * DISK_SECTOR_SIZE,
		              err);
	if (r == 0 && efi_fs)
		r = copy_into(fd, tmp, efi_tmp,
		              (uint64_t)DISK_FIRST_PARTITION_LBA * DISK_SECTOR_SIZE, err);
	if (r == 0)
		r = copy_into(fd, tmp, o->rootfs, root_first * DISK_SECTOR_SIZE, err);
	if (r == 0)
		r = pwrite_all(fd, entries, sizeof(entries),
		               gpt_backup_entries_lba(disk_sectors) * DISK_SECTOR_SIZE, tmp, err);
	if (r == 0)
		r = pwrite_all(fd, backup, sizeof(backup), (disk_sectors - 1) * DISK_SECTOR_SIZE,
		               tmp, err);
	if (close(fd) < 0 && r == 0)
		r = fail(err, "cannot write %s: %s", tmp, strerror(errno));
	return r;
}

int disk_write(const struct disk_options *o, char *err)
{
	if (o->efi_size_mib < 0 || o->efi_size_mib > 65536)
		return fail(err, "--efi-size %ld: expected 0..65536 (MiB)", o->efi_size_mib);
	char *tmp = xasprintf("%s.tmp", o->out);
	char *efi_tmp = xasprintf("%s.efi.tmp", o->out);
	int r = write_image(o, tmp, efi_tmp, err);
	unlink(efi_tmp);
	if (r == 0 && rename(tmp, o->out) < 0)
		r = fail(err, "cannot rename %s to %s: %s", tmp, o->out, strerror(errno));
	if (r < 0)
		unlink(tmp);
	free(tmp);
	free(efi_tmp);
	return r;
}
