/*
 * mkinitfs: pack a folder into an initfs archive (format in
 * abi/include/redox/abi/initfs.h). Host tool; the kernel reads the result.
 *
 *     mkinitfs OUTPUT DIR
 *
 * Regular files are stored with their permission bits; symlinks and other
 * file types are refused so the archive means the same on every host.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <redox/abi/mode.h>
#include <redox/abi/initfs.h>

struct file {
	char *path; /* relative to DIR */
	char *source;
	uint64_t size;
	uint16_t mode;
};

static struct file *files;
static size_t file_count, file_cap;

static void die(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "mkinitfs: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	exit(1);
}

static void walk(const char *root, const char *rel)
{
	char dir_path[4096];
	snprintf(dir_path, sizeof dir_path, "%s%s%s", root, *rel ? "/" : "", rel);
	DIR *dir = opendir(dir_path);
	if (!dir)
		die("%s: %s", dir_path, strerror(errno));
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char child_rel[4096], child[8192];
		snprintf(child_rel, sizeof child_rel, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		snprintf(child, sizeof child, "%s/%s", root, child_rel);
		struct stat st;
		if (lstat(child, &st))
			die("%s: %s", child, strerror(errno));
		if (S_ISDIR(st.st_mode)) {
			walk(root, child_rel);
		} else if (S_ISREG(st.st_mode)) {
			if (strlen(child_rel) > UINT16_MAX)
				die("%s: path too long%s", child, "");
			if (file_count == file_cap) {
				file_cap = file_cap ? file_cap * 2 : 64;
				files = realloc(files, file_cap * sizeof *files);
				if (!files)
					die("%s%s", "out of memory", "");
			}
			files[file_count++] =
			    (struct file){strdup(child_rel), strdup(child), (uint64_t)st.st_size,
			                  (uint16_t)(MODE_FILE | (st.st_mode & 07777))};
		} else {
			die("%s: only regular files and folders can go into an initfs%s", child,
			    "");
		}
	}
	closedir(dir);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct file *)a)->path, ((const struct file *)b)->path);
}

static uint64_t align16(uint64_t v)
{
	return (v + 15) & ~15ULL;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mkinitfs OUTPUT DIR\n");
		return 2;
	}
	walk(argv[2], "");
	qsort(files, file_count, sizeof *files, by_path);

	uint64_t entries_offset = sizeof(struct initfs_header);
	uint64_t names_offset = entries_offset + file_count * sizeof(struct initfs_entry);
	uint64_t offset = names_offset;
	for (size_t i = 0; i < file_count; i++)
		offset += strlen(files[i].path);
	struct initfs_entry *entries = calloc(file_count ? file_count : 1, sizeof *entries);
	uint64_t name_at = names_offset;
	for (size_t i = 0; i < file_count; i++) {
		offset = align16(offset);
		if (name_at > UINT32_MAX)
			die("%s: too many names%s", argv[2], "");
		entries[i] = (struct initfs_entry){offset, files[i].size, (uint32_t)name_at,
		                                   (uint16_t)strlen(files[i].path), files[i].mode};
		name_at += strlen(files[i].path);
		offset += files[i].size;
	}
	struct initfs_header header = {.version = INITFS_VERSION,
	                               .entry_count = (uint32_t)file_count,
	                               .entries_offset = entries_offset,
	                               .total_size = offset};
	memcpy(header.magic, INITFS_MAGIC, 8);

	FILE *out = fopen(argv[1], "wb");
	if (!out)
		die("%s: %s", argv[1], strerror(errno));
	fwrite(&header, sizeof header, 1, out);
	fwrite(entries, sizeof *entries, file_count, out);
	for (size_t i = 0; i < file_count; i++)
		fputs(files[i].path, out);
	for (size_t i = 0; i < file_count; i++) {
		static const char zeros[16];
		long pos = ftell(out);
		fwrite(zeros, 1, (size_t)(entries[i].data_offset - (uint64_t)pos), out);
		FILE *in = fopen(files[i].source, "rb");
		if (!in)
			die("%s: %s", files[i].source, strerror(errno));
		char buf[65536];
		size_t n, total = 0;
		while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
			fwrite(buf, 1, n, out);
			total += n;
		}
		fclose(in);
		if (total != files[i].size)
			die("%s: changed while being packed%s", files[i].source, "");
	}
	if (fclose(out))
		die("%s: %s", argv[1], strerror(errno));
	return 0;
}
