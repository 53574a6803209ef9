/*
 * The host installer: reads build configs (config/NAME.toml) and makes the
 * parts of a disk image that are not packages. One subcommand per job;
 * see usage() and the headers of config.h, stage.h and disk.h.
 */
#include "accounts.h"
#include "config.h"
#include "disk.h"
#include "stage.h"
#include "util.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(FILE *f)
{
	fputs("usage: installer check CONFIG\n"
	      "       installer packages CONFIG\n"
	      "       installer general CONFIG KEY\n"
	      "       installer recipes CONFIG RECIPES\n"
	      "       installer stage CONFIG ROOTDIR METAFILE\n"
	      "       installer disk --out IMG --stage1 MBR.bin --stage2 STAGE2.bin\n"
	      "                      --rootfs ROOTFS.img [--efi-size MIB | --config CONFIG]\n"
	      "                      [--efi-dir DIR]\n"
	      "\n"
	      "  check     exit 0 if CONFIG (with its includes) is valid, else print why\n"
	      "  packages  the packages CONFIG puts in the image, one per line, sorted\n"
	      "  recipes   fail, naming the config file, if a package has no recipe under\n"
	      "            RECIPES unless it is marked optional = true (listed as\n"
	      "            \"optional NAME\")\n"
	      "  general   one [general] value (prompt, filesystem_size, efi_partition_size,\n"
	      "            live_disk), defaults applied\n"
	      "  stage     write CONFIG's files, users and groups into ROOTDIR; modes and\n"
	      "            owners go to METAFILE as \"<octal mode> <uid> <gid> <path>\" lines\n"
	      "  disk      write a GPT disk image (see abi/include/redox/abi/disk.h); the EFI\n"
	      "            partition size comes from --efi-size, else CONFIG's\n"
	      "            efi_partition_size, else 1 MiB\n"
	      "\n"
	      "SOURCE_DATE_EPOCH, when set, makes salts and GUIDs deterministic.\n",
	      f);
	return f == stderr ? 2 : 0;
}

static int die(const char *err)
{
	fprintf(stderr, "%s\n", err);
	return 1;
}

/* Loads a config and checks that its users and groups resolve. */
static int load(const char *path, struct config *cfg, char *err)
{
	if (config_load(path, cfg, err) < 0)
		return -1;
	struct accounts acc;
	if (accounts_resolve(cfg, &acc, err) < 0)
		return -1;
	accounts_free(&acc);
	return 0;
}

/*
 * Every package the image gets has a recipe (RECIPES/<category>/NAME/
 * recipe.toml), except those marked optional = true: those are listed on
 * stdout as "optional NAME". A missing one fails, naming the config file
 * that asked for it.
 */
static int check_recipes(const struct config *cfg, const char *recipes, char *err)
{
	struct strbuf optional = {0};
	sb_puts(&optional, "");
	for (size_t i = 0; i < cfg->npackages; i++) {
		const struct cfg_package *p = &cfg->packages[i];
		if (p->ignore)
			continue;
		char *pattern = xasprintf("%s/*/%s/recipe.toml", recipes, p->name);
		glob_t g;
		int found = glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc > 0;
		if (found)
			globfree(&g);
		free(pattern);
		if (found)
			continue;
		if (!p->optional) {
			free(optional.s);
			return fail(err,
			            "%s: [packages] %s: no recipe %s/*/%s/recipe.toml (mark it "
			            "'optional = true' if the image may go without it)",
			            p->origin, p->name, recipes, p->name);
		}
		sb_printf(&optional, "optional %s\n", p->name);
	}
	fputs(optional.s, stdout);
	free(optional.s);
	return 0;
}

static int cmd_config(int argc, char **argv)
{
	const char *cmd = argv[0];
	int want = strcmp(cmd, "general") == 0 || strcmp(cmd, "recipes") == 0 ? 3
	           : strcmp(cmd, "stage") == 0                                ? 4
	                                                                      : 2;
	if (argc != want)
		return usage(stderr);
	char err[ERR_MAX];
	struct config cfg;
	int r = load(argv[1], &cfg, err);
	if (r == 0 && strcmp(cmd, "packages") == 0) {
		const char **names;
		size_t n = config_package_names(&cfg, &names);
		for (size_t i = 0; i < n; i++)
			printf("%s\n", names[i]);
		free(names);
	} else if (r == 0 && strcmp(cmd, "general") == 0) {
		char value[64];
		if (config_general_value(&cfg, argv[2], value, sizeof(value)) < 0)
			r = fail(err, "%s: [general] %s: unknown key", argv[1], argv[2]);
		else
			printf("%s\n", value);
	} else if (r == 0 && strcmp(cmd, "stage") == 0) {
		r = stage_root(&cfg, argv[2], argv[3], err);
	} else if (r == 0 && strcmp(cmd, "recipes") == 0) {
		r = check_recipes(&cfg, argv[2], err);
	}
	config_free(&cfg);
	if (fflush(stdout) != 0 && r == 0)
		r = fail(err, "installer: cannot write to standard output");
	return r < 0 ? die(err) : 0;
}

static int cmd_disk(int argc, char **argv)
{
	struct disk_options o = {.efi_size_mib = -1};
	const char *config = NULL, *efi_size = NULL;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *value = NULL;
		size_t n = strcspn(arg, "=");
		if (arg[n] == '=')
			value = arg + n + 1;
		else if (i + 1 < argc)
			value = argv[++i];
		if (!value || strncmp(arg, "--", 2) != 0)
			return usage(stderr);
		static const char *const names[] = {"--out",    "--stage1",   "--stage2",
		                                    "--rootfs", "--efi-size", "--efi-dir",
		                                    "--config"};
		const char **slots[] = {&o.out,    &o.stage1,  &o.stage2, &o.rootfs,
		                        &efi_size, &o.efi_dir, &config};
		int k = 0;
		while (k < 7 && !(strlen(names[k]) == n && strncmp(arg, names[k], n) == 0))
			k++;
		if (k == 7) {
			fprintf(stderr, "installer disk: unknown option %.*s\n", (int)n, arg);
			return usage(stderr);
		}
		*slots[k] = value;
	}
	if (!o.out || !o.stage1 || !o.stage2 || !o.rootfs)
		return usage(stderr);
	char err[ERR_MAX];
	if (efi_size) {
		char *end;
		o.efi_size_mib = strtol(efi_size, &end, 10);
		if (!*efi_size || *end || o.efi_size_mib < 0)
			return die("installer disk: --efi-size: expected a whole number of MiB");
	} else if (config) {
		struct config cfg;
		if (config_load(config, &cfg, err) < 0) {
			config_free(&cfg);
			return die(err);
		}
		o.efi_size_mib = cfg.general.has_efi_partition_size
		                     ? (long)cfg.general.efi_partition_size
		                     : DEFAULT_EFI_PARTITION_SIZE;
		config_free(&cfg);
	} else {
		o.efi_size_mib = DEFAULT_EFI_PARTITION_SIZE;
	}
	return disk_write(&o, err) < 0 ? die(err) : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr);
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0)
		return usage(stdout);
	if (strcmp(cmd, "check") == 0 || strcmp(cmd, "packages") == 0 ||
	    strcmp(cmd, "general") == 0 || strcmp(cmd, "stage") == 0 || strcmp(cmd, "recipes") == 0)
		return cmd_config(argc - 1, argv + 1);
	if (strcmp(cmd, "disk") == 0)
		return cmd_disk(argc - 1, argv + 1);
	fprintf(stderr, "installer: unknown command '%s'\n", cmd);
	return usage(stderr);
}
