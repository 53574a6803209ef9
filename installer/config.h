/*
 * Build configs (config/NAME.toml): loading a file with its includes, checking
 * every key, and merging them into one resolved config.
 *
 *   include = ["../base.toml"]   relative to the including file; includes
 *                                merge first, in order, and the including
 *                                file wins on conflicts
 *   [general]                    prompt, filesystem_size (MiB),
 *                                efi_partition_size (MiB), live_disk
 *   [packages]                   name = {} | "ignore" | { path = ..., git = ...,
 *                                optional = true }
 *   [[files]]                    path, data, symlink, directory, mode, uid, gid;
 *                                appended across includes (a later entry for the
 *                                same path replaces the earlier one)
 *   [users.NAME]                 password, uid, gid, name, home, shell
 *   [groups.NAME]                gid, members
 *
 * General, user and group settings merge key by key; a package entry is
 * replaced whole. Errors are one line: "FILE:LINE: ..." for TOML syntax,
 * "FILE: [section] key: problem" for content.
 */
#ifndef INSTALLER_CONFIG_H
#define INSTALLER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Used when no config sets them (printed by `installer general`). */
#define DEFAULT_FILESYSTEM_SIZE    256
#define DEFAULT_EFI_PARTITION_SIZE 1

struct cfg_general {
	bool has_prompt, prompt;
	bool has_filesystem_size;
	int64_t filesystem_size;
	bool has_efi_partition_size;
	int64_t efi_partition_size;
	bool has_live_disk, live_disk;
};

struct cfg_package {
	char *name;
	bool ignore;
	bool optional;      /* optional = true: no recipe yet is not an error */
	const char *origin; /* the config file that set this entry */
	char *path, *git;   /* NULL when not given */
};

struct cfg_file {
	char *path; /* normalized, relative to the image root: "etc/hostname" */
	char *data;
	size_t data_len;
	bool symlink, directory;
	bool has_mode;
	uint32_t mode;
	uint32_t uid, gid;
	const char *origin; /* config file that defined it */
};

struct cfg_user {
	char *name;
	char *password; /* NULL: not set (= empty) */
	bool has_uid, has_gid;
	uint32_t uid, gid;
	char *fullname, *home, *shell; /* NULL: default */
	const char *origin;
};

struct cfg_group {
	char *name;
	bool has_gid;
	uint32_t gid;
	bool has_members;
	char **members;
	size_t nmembers;
	const char *origin;
};

struct config {
	char *path; /* the top-level file as given */
	struct cfg_general general;
	struct cfg_package *packages;
	size_t npackages;
	struct cfg_file *files;
	size_t nfiles;
	struct cfg_user *users;
	size_t nusers;
	struct cfg_group *groups;
	size_t ngroups;
	char **origins; /* owns the strings origin fields point to */
	size_t norigins;
};

/* Loads path and everything it includes. On error fills err (ERR_MAX bytes). */
int config_load(const char *path, struct config *cfg, char *err);
void config_free(struct config *cfg);

/* The packages that end up in the image (ignored ones dropped), sorted by name. */
size_t config_package_names(const struct config *cfg, const char ***names);

/* One [general] value as text, defaults applied; -1 for an unknown key. */
int config_general_value(const struct config *cfg, const char *key, char *out, size_t cap);

#endif
