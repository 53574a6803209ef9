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

/*
 * Normalise s after its first `root` bytes, in place: "." and empty
 * components vanish, ".." drops the previous component, a trailing slash
 * goes (a lone "/" stays). A ".." with nothing before it to drop is dropped
 * too, unless keep_dotdot is set and the path is relative ("../a" stays,
 * as a host path must). Returns the new length; "" for nothing left.
 */
size_t path_normalize_tail(char *s, size_t root, int keep_dotdot);

#endif
