/* sys/poll.h: the old spelling of poll.h. */
#include <poll.h>
