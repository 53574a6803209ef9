/*
 * GUIDs as GPT stores them: text "C12A7328-F81F-11D2-BA4B-00A0C93EC93B"
 * <-> 16 on-disk bytes, the first three fields little-endian (UEFI spec,
 * appendix A). Shared by the installer, which writes GPT disks, and the
 * bootloader, which finds partitions on them; freestanding.
 */
#ifndef COMMON_FMT_GUID_H
#define COMMON_FMT_GUID_H

#include <stdint.h>

#define GUID_TEXT_LEN 36

/* 0, or -1 when text is not exactly 36 characters of 8-4-4-4-12 hex. */
int guid_parse(const char *text, uint8_t out[16]);

/* Upper-case text, NUL-terminated. */
void guid_format(const uint8_t guid[16], char out[GUID_TEXT_LEN + 1]);

#endif
