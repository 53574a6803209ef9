/*
 * Intel 8254x (e1000) registers and descriptors, as the PCI/PCI-X Family
 * of Gigabit Ethernet Controllers Software Developer's Manual names them:
 * the subset e1000d uses (legacy descriptors, one queue each way).
 */
#ifndef E1000_H
#define E1000_H

#include <stdint.h>

#define REG_CTRL   0x0000
#define REG_STATUS 0x0008
#define REG_EERD   0x0014
#define REG_ICR    0x00C0
#define REG_IMS    0x00D0
#define REG_IMC    0x00D8
#define REG_RCTL   0x0100
#define REG_TCTL   0x0400
#define REG_TIPG   0x0410
#define REG_RDBAL  0x2800
#define REG_RDBAH  0x2804
#define REG_RDLEN  0x2808
#define REG_RDH    0x2810
#define REG_RDT    0x2818
#define REG_RDTR   0x2820
#define REG_TDBAL  0x3800
#define REG_TDBAH  0x3804
#define REG_TDLEN  0x3808
#define REG_TDH    0x3810
#define REG_TDT    0x3818
#define REG_MTA    0x5200 /* 128 dwords */
#define REG_RAL0   0x5400
#define REG_RAH0   0x5404

#define CTRL_SLU  (1u << 6)
#define CTRL_ASDE (1u << 5)
#define CTRL_RST  (1u << 26)

#define STATUS_FD       (1u << 0)
#define STATUS_LU       (1u << 1)
#define STATUS_SPEED(s) (((s) >> 6) & 3) /* 0: 10, 1: 100, 2/3: 1000 Mb/s */

#define EERD_START (1u << 0)
#define EERD_DONE  (1u << 4)
#define RAH_AV     (1u << 31)

#define RCTL_EN    (1u << 1)
#define RCTL_BAM   (1u << 15)
#define RCTL_SECRC (1u << 26) /* strip the FCS */
/* buffer size bits 17:16 = 0 with BSEX = 0: 2048 bytes */

#define TCTL_EN      (1u << 1)
#define TCTL_PSP     (1u << 3) /* pad short frames */
#define TCTL_CT(x)   ((uint32_t)(x) << 4)
#define TCTL_COLD(x) ((uint32_t)(x) << 12)
#define TIPG_DEFAULT 0x0060200Au

/* interrupt causes (ICR, IMS) */
#define INT_TXDW   (1u << 0)
#define INT_LSC    (1u << 2)
#define INT_RXDMT0 (1u << 4)
#define INT_RXO    (1u << 6)
#define INT_RXT0   (1u << 7)

struct rx_desc {
	uint64_t addr;
	uint16_t length;
	uint16_t checksum;
	uint8_t status; /* DD bit 0, EOP bit 1 */
	uint8_t errors;
	uint16_t special;
};

struct tx_desc {
	uint64_t addr;
	uint16_t length;
	uint8_t cso;
	uint8_t cmd;    /* EOP bit 0, IFCS bit 1, RS bit 3 */
	uint8_t status; /* DD bit 0 */
	uint8_t css;
	uint16_t special;
};

#define DESC_DD    0x01
#define DESC_EOP   0x02
#define TXCMD_EOP  0x01
#define TXCMD_IFCS 0x02
#define TXCMD_RS   0x08

_Static_assert(sizeof(struct rx_desc) == 16, "rx descriptor is 16 bytes");
_Static_assert(sizeof(struct tx_desc) == 16, "tx descriptor is 16 bytes");

#endif
