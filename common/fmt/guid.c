/*
 * GUID text <-> GPT's on-disk bytes (see guid.h).
 */
#include "guid.h"
#include "hex.h"

/* Where text byte i goes on disk: the first 4, 2 and 2 bytes are reversed. */
static const uint8_t text_to_disk[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};

static int is_dash_position(int i)
{
	return i == 8 || i == 13 || i == 18 || i == 23;
}

int guid_parse(const char *text, uint8_t out[16])
{
	uint8_t bytes[16];
	int byte = 0;
	for (int i = 0; i < GUID_TEXT_LEN;) {
		if (is_dash_position(i)) {
			if (text[i++] != '-')
				return -1;
			continue;
		}
		/* a NUL fails here, before anything past it is read */
		int hi = hex_digit_value((unsigned char)text[i]);
		if (hi < 0)
			return -1;
		int lo = hex_digit_value((unsigned char)text[i + 1]);
		if (lo < 0)
			return -1;
		bytes[text_to_disk[byte++]] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	if (text[GUID_TEXT_LEN] != '\0')
		return -1;
	for (int i = 0; i < 16; i++)
		out[i] = bytes[i];
	return 0;
}

void guid_format(const uint8_t guid[16], char out[GUID_TEXT_LEN + 1])
{
	static const char digits[] = "0123456789ABCDEF";
	char *o = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		uint8_t b = guid[text_to_disk[i]];
		*o++ = digits[b >> 4];
		*o++ = digits[b & 15];
	}
	*o = '\0';
}
