/*
 * The kernel-independent parts of the POSIX layer: passwd and group
 * lines and lookups (over memory streams), hosts and services files,
 * Internet address text against glibc, byte order, basename/dirname
 * against glibc's POSIX versions, and folder listings through
 * fdopendir over host pipes and files.
 */
#include <arpa/inet.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "test.h"
#include "rl.h"

/* the library's structures, same layout as glibc's */
struct rl_passwd {
	char *pw_name, *pw_passwd;
	unsigned pw_uid, pw_gid;
	char *pw_gecos, *pw_dir, *pw_shell;
};
struct rl_group {
	char *gr_name, *gr_passwd;
	unsigned gr_gid;
	char **gr_mem;
};
struct rl_service {
	int port;
	char name[64], proto[16];
};
struct rl_dirent {
	unsigned long d_ino;
	long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};
typedef struct rl_DIR rl_DIR;

int rl___relibc_pw_parse(char *line, struct rl_passwd *pw);
int rl___relibc_pw_search(rl_FILE *f, const char *name, unsigned uid, struct rl_passwd *pw,
                          char *buf, size_t len, struct rl_passwd **result);
int rl___relibc_gr_parse(char *line, struct rl_group *gr, char **mem, size_t nmem);
int rl___relibc_gr_search(rl_FILE *f, const char *name, unsigned gid, struct rl_group *gr,
                          char *buf, size_t len, struct rl_group **result);
int rl___relibc_hosts_find(rl_FILE *f, const char *name, int af, void *addr, char *canon,
                           size_t clen);
int rl___relibc_hosts_reverse(rl_FILE *f, int af, const void *addr, char *name, size_t len);
int rl___relibc_dns_query(const char *name, unsigned id, unsigned char *out, size_t size);
int rl___relibc_dns_answer(const unsigned char *msg, size_t len, unsigned id, void *addr);
int rl___relibc_services_find(rl_FILE *f, const char *name, int port, const char *proto,
                              struct rl_service *out);
int rl_inet_pton(int af, const char *s, void *out);
const char *rl_inet_ntop(int af, const void *in, char *out, unsigned len);
int rl_inet_aton(const char *s, struct in_addr *out);
unsigned rl_inet_addr(const char *s);
unsigned rl_htonl(unsigned v);
unsigned short rl_htons(unsigned short v);
char *rl_basename(char *path);
char *rl_dirname(char *path);
rl_DIR *rl_fdopendir(int fd);
struct rl_dirent *rl_readdir(rl_DIR *d);
int rl_closedir(rl_DIR *d);
long rl_telldir(rl_DIR *d);
void rl_seekdir(rl_DIR *d, long loc);
void rl_rewinddir(rl_DIR *d);
extern int t_fake_dir;

static const char passwd[] = "root;0;0;root;/root;/bin/ion\n"
                             "# not a user\n"
                             "bad;x;0;;/;/bin/sh\n"
                             "user;1000;1000;A User;/home/user;/bin/ion\n"
                             "short;1;1\n"
                             "nobody;65534;65534;;/;\n";

static void test_passwd(void)
{
	struct rl_passwd pw, *res;
	char line[] = "alice;1001;100;Alice A;/home/alice;/bin/sh\n";
	CHECK(rl___relibc_pw_parse(line, &pw) == 0 && !strcmp(pw.pw_name, "alice") &&
	      pw.pw_uid == 1001 && pw.pw_gid == 100 && !strcmp(pw.pw_gecos, "Alice A") &&
	      !strcmp(pw.pw_dir, "/home/alice") && !strcmp(pw.pw_shell, "/bin/sh") &&
	      !strcmp(pw.pw_passwd, "x"));
	char l2[] = "a;1;2;3;4;5;6", l3[] = "a;-1;2;g;h;s", l4[] = ";1;2;g;h;s",
	     l5[] = "a;1;2x;g;h;s";
	CHECK(rl___relibc_pw_parse(l2, &pw) < 0 && rl___relibc_pw_parse(l3, &pw) < 0 &&
	      rl___relibc_pw_parse(l4, &pw) < 0 && rl___relibc_pw_parse(l5, &pw) < 0);

	char buf[128];
	rl_FILE *f = rl_fmemopen((void *)passwd, sizeof passwd - 1, "r");
	CHECK(rl___relibc_pw_search(f, "user", 0, &pw, buf, sizeof buf, &res) == 0 && res == &pw &&
	      pw.pw_uid == 1000 && !strcmp(pw.pw_gecos, "A User") && pw.pw_name == buf &&
	      pw.pw_shell > buf && pw.pw_shell < buf + sizeof buf);
	rl_rewind(f);
	CHECK(rl___relibc_pw_search(f, NULL, 65534, &pw, buf, sizeof buf, &res) == 0 && res &&
	      !strcmp(pw.pw_name, "nobody") && !strcmp(pw.pw_shell, ""));
	rl_rewind(f);
	CHECK(rl___relibc_pw_search(f, "bad", 0, &pw, buf, sizeof buf, &res) == 0 && !res);
	rl_rewind(f);
	CHECK(rl___relibc_pw_search(f, "short", 0, &pw, buf, sizeof buf, &res) == 0 && !res);
	rl_rewind(f);
	CHECK(rl___relibc_pw_search(f, "root", 0, &pw, buf, 10, &res) == 34 /* ERANGE */ && !res);
	rl_fclose(f);
}

static void test_group(void)
{
	struct rl_group gr, *res;
	char *mem[4];
	char l1[] = "wheel;x;10;root,user,admin\n", l2[] = "empty;x;5;", l3[] = "big;x;1;a,b,c,d,e";
	CHECK(rl___relibc_gr_parse(l1, &gr, mem, 3) == 0 && gr.gr_gid == 10 &&
	      !strcmp(gr.gr_mem[0], "root") && !strcmp(gr.gr_mem[2], "admin") && !gr.gr_mem[3]);
	CHECK(rl___relibc_gr_parse(l2, &gr, mem, 3) == 0 && !gr.gr_mem[0] &&
	      !strcmp(gr.gr_name, "empty"));
	CHECK(rl___relibc_gr_parse(l3, &gr, mem, 3) == 5 && !strcmp(l3, "big;x;1;a,b,c,d,e"));

	static const char groups[] = "root;x;0;root\nusers;x;100;alice,bob\nbroken;x;z;\n";
	_Alignas(8) char buf[128];
	rl_FILE *f = rl_fmemopen((void *)groups, sizeof groups - 1, "r");
	CHECK(rl___relibc_gr_search(f, "users", 0, &gr, buf, sizeof buf, &res) == 0 && res &&
	      gr.gr_gid == 100 && !strcmp(gr.gr_mem[1], "bob") && !gr.gr_mem[2] &&
	      (char *)gr.gr_mem > buf && (char *)gr.gr_mem < buf + sizeof buf &&
	      gr.gr_mem[0] > buf && gr.gr_mem[0] < buf + sizeof buf);
	rl_rewind(f);
	CHECK(rl___relibc_gr_search(f, NULL, 0, &gr, buf, sizeof buf, &res) == 0 && res &&
	      !strcmp(gr.gr_name, "root"));
	rl_rewind(f);
	CHECK(rl___relibc_gr_search(f, "broken", 0, &gr, buf, sizeof buf, &res) == 0 && !res);
	rl_rewind(f);
	CHECK(rl___relibc_gr_search(f, "users", 0, &gr, buf, 24, &res) == 34 && !res);
	rl_fclose(f);
}

static void test_hosts_services(void)
{
	static const char hosts[] = "# comment\n127.0.0.1\tlocalhost loopback\n"
	                            "10.0.2.2 gateway gw # qemu's\n::1 localhost ip6-localhost\n"
	                            "bogus line\n";
	unsigned char a[16];
	char canon[64];
	rl_FILE *f = rl_fmemopen((void *)hosts, sizeof hosts - 1, "r");
	CHECK(rl___relibc_hosts_find(f, "GW", AF_INET, a, canon, sizeof canon) == 1 && a[0] == 10 &&
	      a[3] == 2 && !strcmp(canon, "gateway"));
	rl_rewind(f);
	CHECK(rl___relibc_hosts_find(f, "localhost", AF_INET6, a, 0, 0) == 1 && a[15] == 1);
	rl_rewind(f);
	CHECK(rl___relibc_hosts_find(f, "qemu's", AF_INET, a, 0, 0) == 0);
	rl_rewind(f);
	unsigned char lo[4] = {127, 0, 0, 1};
	CHECK(rl___relibc_hosts_reverse(f, AF_INET, lo, canon, sizeof canon) == 1 &&
	      !strcmp(canon, "localhost"));
	rl_fclose(f);

	static const char services[] = "ssh\t\t22/tcp\nhttp 80/tcp www # web\nhttp 80/udp\n"
	                               "domain 53/udp\nbroken x/tcp\n";
	struct rl_service s;
	f = rl_fmemopen((void *)services, sizeof services - 1, "r");
	CHECK(rl___relibc_services_find(f, "www", 0, "tcp", &s) == 1 && s.port == 80 &&
	      !strcmp(s.name, "http") && !strcmp(s.proto, "tcp"));
	rl_rewind(f);
	CHECK(rl___relibc_services_find(f, NULL, 53, NULL, &s) == 1 && !strcmp(s.name, "domain"));
	rl_rewind(f);
	CHECK(rl___relibc_services_find(f, "domain", 0, "tcp", &s) == 0);
	rl_fclose(f);
}

/* The resolver's messages (src/net/dns.c): a query, and answers as a
 * server sends them (compressed names, a CNAME first, NXDOMAIN, junk). */
static void test_dns(void)
{
	unsigned char q[300];
	int n = rl___relibc_dns_query("www.example.com", 0xBEEF, q, sizeof q);
	static const unsigned char want[] = {
	    0xBE, 0xEF, 1,   0,   0,   1,   0,   0, 0,   0,   0,   0, 3, 'w', 'w', 'w', 7,
	    'e',  'x',  'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1,   0,   1};
	CHECK(n == (int)sizeof want && !memcmp(q, want, sizeof want));
	CHECK(rl___relibc_dns_query("a..b", 1, q, sizeof q) == -1);
	CHECK(rl___relibc_dns_query("", 1, q, sizeof q) == -1);
	CHECK(rl___relibc_dns_query("www.example.com", 1, q, 20) == -1);

	unsigned char r[128];
	memcpy(r, want, sizeof want);
	r[2] = 0x81;
	r[3] = 0x80;
	r[7] = 2; /* two answers: a CNAME, then the A record */
	size_t m = sizeof want;
	static const unsigned char cname[] = {0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 2, 0xC0, 16};
	static const unsigned char a_rec[] = {0xC0, 16, 0, 1, 0,  1, 0, 0,
	                                      0,    60, 0, 4, 10, 0, 2, 99};
	memcpy(r + m, cname, sizeof cname);
	m += sizeof cname;
	memcpy(r + m, a_rec, sizeof a_rec);
	m += sizeof a_rec;
	unsigned char addr[4] = {0};
	CHECK(rl___relibc_dns_answer(r, m, 0xBEEF, addr) == 1 && addr[0] == 10 && addr[3] == 99);
	CHECK(rl___relibc_dns_answer(r, m, 0xBEEE, addr) == -1);     /* another query's */
	CHECK(rl___relibc_dns_answer(r, m - 1, 0xBEEF, addr) == -1); /* cut short */
	r[3] = 0x83;                                                 /* NXDOMAIN */
	CHECK(rl___relibc_dns_answer(r, m, 0xBEEF, addr) == 0);
	r[3] = 0x80;
	r[sizeof want] = 0x80; /* a label type that does not exist */
	CHECK(rl___relibc_dns_answer(r, m, 0xBEEF, addr) == -1);
	r[2] = 0x01; /* a query, not a reply */
	CHECK(rl___relibc_dns_answer(r, m, 0xBEEF, addr) == -1);
}

static void test_inet(void)
{
	CHECK(rl_htons(0x1234) == htons(0x1234) && rl_htonl(0xdeadbeef) == htonl(0xdeadbeef));
	static const char *const v4[] = {"0.0.0.0",      "255.255.255.255", "1.2.3.4",   "01.2.3.4",
	                                 "1.2.3",        "1.2.3.4.5",       "256.1.1.1", "1..2.3",
	                                 " 1.2.3.4",     "1.2.3.4 ",        "1.2.3.-4",  "",
	                                 "9.99.199.255", "0x1.2.3.4"};
	for (size_t i = 0; i < sizeof v4 / sizeof v4[0]; i++) {
		unsigned char a[4] = {0}, b[4] = {0};
		int r = rl_inet_pton(AF_INET, v4[i], a), g = inet_pton(AF_INET, v4[i], b);
		CHECK_QUIET(r == g && !memcmp(a, b, 4), "inet_pton(%s): %d vs %d", v4[i], r, g);
		struct in_addr x = {0}, y = {0};
		r = rl_inet_aton(v4[i], &x);
		g = inet_aton(v4[i], &y);
		CHECK_QUIET(r == g && x.s_addr == y.s_addr, "inet_aton(%s): %d vs %d", v4[i], r, g);
	}
	static const char *const classic[] = {"10",         "10.1",       "10.1.2",    "0x7f.1",
	                                      "017.0.0.1",  "1.0xffffff", "1.2.65535", "1.2.65536",
	                                      "4294967295", "4294967296", "08.1.1.1"};
	for (size_t i = 0; i < sizeof classic / sizeof classic[0]; i++) {
		struct in_addr x = {0}, y = {0};
		int r = rl_inet_aton(classic[i], &x), g = inet_aton(classic[i], &y);
		CHECK_QUIET(r == g && x.s_addr == y.s_addr, "inet_aton(%s): %d vs %d", classic[i],
		            r, g);
	}
	CHECK(rl_inet_addr("1.2.3.4") == inet_addr("1.2.3.4") && rl_inet_addr("x") == 0xffffffffu);
	static const char *const v6[] = {"::",
	                                 "::1",
	                                 "1::",
	                                 "fe80::1:2",
	                                 "1:2:3:4:5:6:7:8",
	                                 "1:2:3:4:5:6:7::",
	                                 "::ffff:1.2.3.4",
	                                 "::1.2.3.4",
	                                 "1:0:0:2:0:0:0:3",
	                                 "1:0:0:0:2:0:0:3",
	                                 "0:0:1::",
	                                 "1:2:3:4:5:6:1.2.3.4",
	                                 "1::2::3",
	                                 ":1::2",
	                                 "1:2:3:4:5:6:7:8:9",
	                                 "12345::",
	                                 "1:2:3:4:5:6:7:8::",
	                                 "::ffff:1.2.3",
	                                 "g::",
	                                 "1:",
	                                 "ABCD:ef01::0",
	                                 "1::2:3:4:5:6:7",
	                                 "::2:3"};
	for (size_t i = 0; i < sizeof v6 / sizeof v6[0]; i++) {
		unsigned char a[16] = {0}, b[16] = {0};
		int r = rl_inet_pton(AF_INET6, v6[i], a), g = inet_pton(AF_INET6, v6[i], b);
		CHECK_QUIET(r == g && !memcmp(a, b, 16), "inet_pton6(%s): %d vs %d", v6[i], r, g);
		char x[64], y[64];
		if (g == 1)
			CHECK_QUIET(!strcmp(rl_inet_ntop(AF_INET6, b, x, sizeof x),
			                    inet_ntop(AF_INET6, b, y, sizeof y)),
			            "inet_ntop6(%s): %s vs %s", v6[i], x, y);
	}
	for (int i = 0; i < 20000; i++) {
		unsigned char a[16];
		char x[64], y[64];
		for (int j = 0; j < 16; j++) /* many zero words, so "::" placement is exercised */
			a[j] = (t_rand() % 3) ? 0 : (unsigned char)t_rand();
		CHECK_QUIET(!strcmp(rl_inet_ntop(AF_INET6, a, x, sizeof x),
		                    inet_ntop(AF_INET6, a, y, sizeof y)),
		            "inet_ntop6: %s vs %s", x, y);
		CHECK_QUIET(!strcmp(rl_inet_ntop(AF_INET, a, x, sizeof x),
		                    inet_ntop(AF_INET, a, y, sizeof y)),
		            "inet_ntop4: %s vs %s", x, y);
	}
	char small[8];
	unsigned char any[4] = {255, 255, 255, 255};
	CHECK(rl_inet_ntop(AF_INET, any, small, sizeof small) == NULL);
}

static void test_libgen(void)
{
	static const char *const paths[] = {"/usr/lib", "/usr/",  "usr",  "/", ".",     "..",
	                                    "//",       "a//b//", "///a", "",  "a/b/c", "/a"};
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		char a[32], b[32], c[32], d[32];
		strcpy(a, paths[i]);
		strcpy(b, paths[i]);
		strcpy(c, paths[i]);
		strcpy(d, paths[i]);
		/* glibc's dirname keeps "//" for "//"; POSIX lets either be */
		const char *want_dir = !strcmp(paths[i], "//") ? "/" : dirname(b);
		CHECK_QUIET(!strcmp(rl_dirname(a), want_dir), "dirname(%s)", paths[i]);
		CHECK_QUIET(!strcmp(rl_basename(c), basename(d)), "basename(%s)", paths[i]);
	}
	CHECK(!strcmp(rl_basename(NULL), ".") && !strcmp(rl_dirname(NULL), "."));
}

static void test_dirent(void)
{
	int p[2];
	CHECK(pipe(p) == 0);
	CHECK(write(p[1], "a\nbb\n\nccc", 9) == 9 && close(p[1]) == 0);
	t_fake_dir = 1;
	rl_DIR *d = rl_fdopendir(p[0]);
	struct rl_dirent *e;
	CHECK((e = rl_readdir(d)) && !strcmp(e->d_name, "a") && e->d_ino == 1);
	CHECK((e = rl_readdir(d)) && !strcmp(e->d_name, "bb"));
	CHECK((e = rl_readdir(d)) && !strcmp(e->d_name, "ccc") && e->d_type == 0);
	CHECK(!rl_readdir(d) && !rl_readdir(d));
	rl_closedir(d);

	/* a long listing in a seekable file: names cross the 4 KiB buffer */
	char path[] = "/tmp/relibc-dirent-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	unlink(path);
	FILE *f = fdopen(fd, "w+");
	for (int i = 0; i < 2000; i++)
		fprintf(f, "entry-number-%d\n", i);
	fflush(f);
	lseek(fd, 0, SEEK_SET);
	rl_DIR *ld = rl_fdopendir(fd);
	int n = 0, in_order = 1;
	long at = -1;
	while ((e = rl_readdir(ld))) {
		char want[32];
		snprintf(want, sizeof want, "entry-number-%d", n);
		in_order &= !strcmp(e->d_name, want);
		if (++n == 1234)
			at = rl_telldir(ld);
	}
	CHECK(n == 2000 && in_order);
	rl_seekdir(ld, at);
	CHECK((e = rl_readdir(ld)) && !strcmp(e->d_name, "entry-number-1234"));
	rl_rewinddir(ld);
	CHECK((e = rl_readdir(ld)) && !strcmp(e->d_name, "entry-number-0"));
	rl_closedir(ld);
	fclose(f); /* its descriptor went with closedir */

	t_fake_dir = 0;
	CHECK(rl_fdopendir(0) == NULL);
	t_fake_dir = 1;
}

void test_posix(void)
{
	test_dns();
	test_passwd();
	test_group();
	test_hosts_services();
	test_inet();
	test_libgen();
	test_dirent();
}
