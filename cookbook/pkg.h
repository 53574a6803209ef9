/*
 * Packages: what a cook leaves in the repo (build/<arch>/repo/).
 *
 * NAME.pkg, the archive, little-endian:
 *     "RDXPKG01"                    magic, 8 bytes
 *     u32 count                     entries, in sorted path order, each
 *       u8 type ('d', 'f', 'l')     folder, file, symlink
 *       u8 0, u16 mode              permission bits (07777)
 *       u32 path_len, u64 data_len
 *       path, data                  data: the file's bytes or the link target
 *
 * NAME.toml, what the package is and what it must contain:
 *     name, version, description, dependencies = [...] (runtime)
 *     cook_hash    what the cook was made from (see cook.c)
 *     pkg_sha256   SHA-256 of NAME.pkg
 *     [[files]]    path, type = "dir" | "file" | "symlink", mode,
 *                  sha256 (files) or target (symlinks)
 *
 * Installing checks every entry of the archive against NAME.toml (path,
 * type, mode, SHA-256 of the content) before writing anything.
 */
#ifndef COOKBOOK_PKG_H
#define COOKBOOK_PKG_H

#include "hostutil/hostutil.h"

#define PKG_MAGIC "RDXPKG01"

struct pkg_entry {
	char type; /* 'd', 'f', 'l' */
	uint16_t mode;
	char *path;
	char *sha256; /* 'f' */
	char *target; /* 'l' */
};

struct pkg_info {
	char *name, *version, *description, *cook_hash, *pkg_sha256;
	struct strlist deps;
	struct pkg_entry *files;
	size_t nfiles;
};

/*
 * Packs stage (a missing stage is an empty package) into pkg_path and
 * writes toml_path; info gives name, version, description, deps and
 * cook_hash (files and pkg_sha256 are filled in).
 */
int pkg_create(const char *stage, struct pkg_info *info, const char *pkg_path,
               const char *toml_path, char *err);
int pkg_read_info(const char *toml_path, struct pkg_info *info, char *err);
void pkg_info_free(struct pkg_info *info);

/*
 * Checks repo/NAME.pkg against repo/NAME.toml, then unpacks it into root.
 * With meta, appends "<mode octal> 0 0 <path>" for each new entry (files
 * belong to root). Nothing is written when a check fails; with root
 * NULL, only the checks are made.
 */
int pkg_install(const char *repo, const char *name, const char *root, const char *meta, char *err);

#endif
