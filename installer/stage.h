/*
 * `installer stage`: writes a config's own files into a root directory
 * that the filesystem image is then built from.
 *
 * Written: every [[files]] entry (in config order, later ones win),
 * etc/passwd, etc/group, etc/shadow (mode 0600) and each user's home
 * directory (mode 0700, owned by the user). The host build is not root,
 * so ownership and modes go to METAFILE instead, one line per path, sorted:
 *
 *     <mode, octal> <uid> <gid> <path relative to ROOTDIR>
 *
 * e.g. "0600 0 0 etc/shadow". Paths not listed are 0755 (directories) or
 * 0644 (files), owned by root. On the host, files keep their mode's
 * permission bits, plus owner read/write so the build can go on using them.
 */
#ifndef INSTALLER_STAGE_H
#define INSTALLER_STAGE_H

#include "config.h"

int stage_root(const struct config *cfg, const char *rootdir, const char *metafile, char *err);

#endif
