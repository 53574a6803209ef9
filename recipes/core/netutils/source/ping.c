/*
 * ping [-c COUNT] [-i SECONDS] HOST: ICMP echo through the netstack's
 * icmp:echo/HOST (docs/networking.md), one request a second (or -i),
 * each reply timed; a summary at the end. HOST is an address or a name
 * (getaddrinfo). Exits 0 when any reply came, 1 otherwise, 2 on bad use.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PAYLOAD 56

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	int count = 4, opt;
	double interval = 1.0;
	while ((opt = getopt(argc, argv, "c:i:")) != -1) {
		if (opt == 'c')
			count = atoi(optarg);
		else if (opt == 'i')
			interval = atof(optarg);
		else
			return 2;
	}
	if (optind != argc - 1 || count <= 0) {
		fprintf(stderr, "usage: ping [-c COUNT] [-i SECONDS] HOST\n");
		return 2;
	}
	const char *host = argv[optind];
	struct addrinfo hints = {.ai_family = AF_INET}, *res;
	int gai = getaddrinfo(host, 0, &hints, &res);
	if (gai) {
		fprintf(stderr, "ping: %s: %s\n", host, gai_strerror(gai));
		return 2;
	}
	char ip[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &((struct sockaddr_in *)res->ai_addr)->sin_addr, ip, sizeof ip);
	freeaddrinfo(res);
	char path[64];
	snprintf(path, sizeof path, "icmp:echo/%s", ip);
	int fd = open(path, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "ping: %s: %s\n", path, strerror(errno));
		return 2;
	}
	printf("PING %s (%s): %d data bytes\n", host, ip, PAYLOAD);
	int received = 0;
	double min = 1e9, max = 0, sum = 0;
	for (int seq = 1; seq <= count; seq++) {
		uint8_t out[2 + PAYLOAD], in[2 + PAYLOAD + 64];
		uint16_t s = (uint16_t)seq;
		memcpy(out, &s, 2);
		for (int i = 0; i < PAYLOAD; i++)
			out[2 + i] = (uint8_t)(i + seq);
		double sent = now_ms();
		if (write(fd, out, sizeof out) != (ssize_t)sizeof out) {
			fprintf(stderr, "ping: sending to %s: %s\n", ip, strerror(errno));
			return 1;
		}
		double deadline = sent + interval * 1000.0 * (seq == count ? 2 : 1);
		for (;;) {
			int left = (int)(deadline - now_ms());
			struct pollfd pf = {fd, POLLIN, 0};
			if (left <= 0 || poll(&pf, 1, left) <= 0)
				break;
			ssize_t n = read(fd, in, sizeof in);
			uint16_t got;
			if (n < 2)
				continue;
			memcpy(&got, in, 2);
			if (got != s || n != (ssize_t)sizeof out ||
			    memcmp(in + 2, out + 2, PAYLOAD)) {
				printf("ping: a reply from %s with sequence %u or data not ours\n",
				       ip, got);
				continue;
			}
			double ms = now_ms() - sent;
			received++;
			sum += ms;
			min = ms < min ? ms : min;
			max = ms > max ? ms : max;
			printf("%zd bytes from %s: icmp_seq=%d time=%.3f ms\n", n - 2 + 8, ip, seq,
			       ms);
			fflush(stdout);
			if (seq == count)
				break;
		}
		int left = (int)(deadline - now_ms());
		if (seq < count && left > 0)
			usleep((useconds_t)left * 1000);
	}
	printf("--- %s ping statistics ---\n", host);
	printf("%d packets transmitted, %d received, %d%% packet loss\n", count, received,
	       (count - received) * 100 / count);
	if (received)
		printf("round-trip min/avg/max = %.3f/%.3f/%.3f ms\n", min, sum / received, max);
	return received ? 0 : 1;
}
