/*
 * Path canonicalization for "scheme:/path" URLs, shared by the kernel
 * (relative paths against a process's working directory) and host tests.
 * Freestanding: no allocation, no libc beyond the caller's buffers.
 */
#ifndef COMMON_PATH_H
#define COMMON_PATH_H

#include <stddef.h>

/*
 * Resolve `path` against `cwd` (itself canonical, "scheme:/..." form) into
 * out: a path with its own scheme ("initfs:bin/x") keeps it; "/a/b" is
 * cwd's scheme + "/a/b"; "a/b" is cwd + "/a/b". Then "." and empty
 * components vanish and ".." drops the previous component (never past the
 * scheme's root). Returns the length, or -1 if out is too small.
 */
long path_canonicalize(const char *cwd, const char *path, char *out, size_t size);

#endif
