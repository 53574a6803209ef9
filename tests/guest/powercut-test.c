/*
 * powercut-test: init of the powercut-test image, the guest half of
 * tests/helpers/powercut.sh. It mounts the disk as init.rc does, counts
 * the records already in file:/cut/log (each RECORD bytes: "rec NNNNNNNN"
 * then a pattern from the number), then appends records forever, each
 * followed by fsync and the line "powercut: fsynced N" (N records are
 * durable). The host kills QEMU at a random moment and checks the disk.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"

#define RECORD 512

static void fill(char *rec, unsigned n)
{
	snprintf(rec, RECORD, "rec %08u ", n);
	for (int i = 13; i < RECORD - 1; i++)
		rec[i] = (char)('a' + (n + (unsigned)i) % 26);
	rec[RECORD - 1] = '\n';
}

int main(void)
{
	if (start_root_fs() != 0) {
		say("powercut: no file: from disk\n");
		return 1;
	}
	mkdir("file:/cut", 0755);
	int fd = open("file:/cut/log", O_CREAT | O_RDWR, 0644);
	struct stat st;
	if (fd < 0 || fstat(fd, &st)) {
		say("powercut: cannot open file:/cut/log\n");
		return 1;
	}
	unsigned n = (unsigned)(st.st_size / RECORD);
	say("powercut: %u records present\n", n);
	lseek(fd, (off_t)n * RECORD, SEEK_SET);
	for (;; n++) {
		char rec[RECORD];
		fill(rec, n);
		if (write(fd, rec, RECORD) != RECORD || fsync(fd)) {
			say("powercut: write failed at record %u\n", n);
			return 1;
		}
		say("powercut: fsynced %u\n", n + 1);
	}
}
