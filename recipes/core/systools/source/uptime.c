/* uptime: how long since the kernel started (its monotonic clock), and
 * the time of day. */
#include <stdio.h>
#include <time.h>

int main(void)
{
	struct timespec up;
	if (clock_gettime(CLOCK_MONOTONIC, &up) < 0) {
		perror("uptime: clock_gettime");
		return 1;
	}
	time_t now = time(0);
	struct tm tm;
	gmtime_r(&now, &tm);
	long s = (long)up.tv_sec;
	printf(" %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (s >= 86400)
		printf("%ld day%s, ", s / 86400, s / 86400 == 1 ? "" : "s");
	printf("%2ld:%02ld:%02ld\n", s % 86400 / 3600, s % 3600 / 60, s % 60);
	return 0;
}
